package org.pmnfs.kv;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to open a kv store: where it lives and how much memory it may use. Immutable; start from
 * {@link #defaults(Path)} and change fields with the {@code with*} methods.
 *
 * @param directory        the store directory (created and formatted on first use when
 *                         {@code createIfMissing})
 * @param chunkSize        bytes per data chunk object for a new store, a power of two in
 *                         [{@link #MIN_CHUNK_SIZE}, {@link #MAX_CHUNK_SIZE}]; an existing store
 *                         keeps the size it was formatted with
 * @param dirtyLimitBytes  memory for UNSTABLE data not yet written to the store; past it, writes
 *                         write back older dirty chunks first (or fail with NFS3ERR_JUKEBOX)
 * @param readCacheBytes   memory for clean chunks kept for reads (0 disables the cache)
 * @param inodeCacheSize   inodes whose attributes stay in memory once nobody uses them
 * @param capacityBytes    the most logical bytes (file sizes in 4 KiB blocks plus
 *                         {@value SpaceAccount#INODE_BYTES} per inode) the store may hold, NFS3ERR_NOSPC
 *                         past it; 0 lets it grow until the disk is full
 * @param createIfMissing  format a missing or empty directory
 * @param syncMetadata     make namespace changes durable before they return, as RFC 1813 asks of
 *                         CREATE, REMOVE, RENAME etc.; false only for benchmarks and bulk loads
 *                         (a crash may then lose the latest changes, each still all-or-nothing)
 * @param clock            the time source for timestamps
 * @param etcd             where the store lives in an etcd cluster (the etcd engine), or null for a
 *                         RocksDB store in {@code directory}; exactly one of the two is set
 */
public record KvConfig(Path directory, int chunkSize, long dirtyLimitBytes, long readCacheBytes, int inodeCacheSize,
                       long capacityBytes, boolean createIfMissing, boolean syncMetadata, Clock clock, EtcdSettings etcd) {

    /** Smallest chunk: one page, so a 4 KiB write never touches two chunks when aligned. */
    public static final int MIN_CHUNK_SIZE = 4 << 10;
    /** Largest chunk: the seed design's 2 MiB objects. */
    public static final int MAX_CHUNK_SIZE = 2 << 20;
    /** Default chunk size; kv-backend/README.md gives the measurements behind it. */
    public static final int DEFAULT_CHUNK_SIZE = 64 << 10;
    /** Default dirty-data limit: 128 MiB, a few seconds of a fast client's UNSTABLE writes. */
    public static final long DEFAULT_DIRTY_LIMIT_BYTES = 128L << 20;
    /** Default read cache: 64 MiB of clean chunks. */
    public static final long DEFAULT_READ_CACHE_BYTES = 64L << 20;
    /** Default inode cache: 100,000 inodes (about 20 MiB). */
    public static final int DEFAULT_INODE_CACHE_SIZE = 100_000;
    /** The dirty limit must hold at least this many chunks. */
    public static final int MIN_DIRTY_CHUNKS = 2;

    public KvConfig {
        if ((directory == null) == (etcd == null)) {
            throw new IllegalArgumentException("directory, etcd: exactly one must be set (RocksDB in a directory, or an etcd namespace)");
        }
        Objects.requireNonNull(clock, "clock");
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE || Integer.bitCount(chunkSize) != 1) {
            throw new IllegalArgumentException("chunkSize: must be a power of two from " + MIN_CHUNK_SIZE + " to "
                    + MAX_CHUNK_SIZE + " bytes, got " + chunkSize);
        }
        if (dirtyLimitBytes < (long) MIN_DIRTY_CHUNKS * chunkSize) {
            throw new IllegalArgumentException("dirtyLimitBytes: must hold at least " + MIN_DIRTY_CHUNKS
                    + " chunks of " + chunkSize + " bytes, got " + dirtyLimitBytes);
        }
        if (readCacheBytes < 0) {
            throw new IllegalArgumentException("readCacheBytes: negative " + readCacheBytes);
        }
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("capacityBytes: negative " + capacityBytes);
        }
        if (inodeCacheSize < 1) {
            throw new IllegalArgumentException("inodeCacheSize: must be at least 1, got " + inodeCacheSize);
        }
    }

    /** The defaults for a store in {@code directory}. */
    public static KvConfig defaults(Path directory) {
        return new KvConfig(directory, DEFAULT_CHUNK_SIZE, DEFAULT_DIRTY_LIMIT_BYTES, DEFAULT_READ_CACHE_BYTES,
                DEFAULT_INODE_CACHE_SIZE, 0, true, true, Clock.systemUTC(), null);
    }

    /** The defaults for a store in an etcd namespace. */
    public static KvConfig defaults(EtcdSettings etcd) {
        return new KvConfig(null, DEFAULT_CHUNK_SIZE, DEFAULT_DIRTY_LIMIT_BYTES, DEFAULT_READ_CACHE_BYTES,
                DEFAULT_INODE_CACHE_SIZE, 0, true, true, Clock.systemUTC(), Objects.requireNonNull(etcd, "etcd"));
    }

    /** Where the store is, for messages. */
    public String location() {
        return etcd != null ? etcd.describe() : directory.toString();
    }

    public KvConfig withChunkSize(int bytes) {
        long dirty = Math.max(dirtyLimitBytes, (long) MIN_DIRTY_CHUNKS * bytes);
        return new KvConfig(directory, bytes, dirty, readCacheBytes, inodeCacheSize, capacityBytes, createIfMissing, syncMetadata, clock, etcd);
    }

    public KvConfig withDirtyLimitBytes(long bytes) {
        return new KvConfig(directory, chunkSize, bytes, readCacheBytes, inodeCacheSize, capacityBytes, createIfMissing, syncMetadata, clock, etcd);
    }

    public KvConfig withReadCacheBytes(long bytes) {
        return new KvConfig(directory, chunkSize, dirtyLimitBytes, bytes, inodeCacheSize, capacityBytes, createIfMissing, syncMetadata, clock, etcd);
    }

    public KvConfig withInodeCacheSize(int entries) {
        return new KvConfig(directory, chunkSize, dirtyLimitBytes, readCacheBytes, entries, capacityBytes, createIfMissing, syncMetadata, clock, etcd);
    }

    public KvConfig withCapacityBytes(long bytes) {
        return new KvConfig(directory, chunkSize, dirtyLimitBytes, readCacheBytes, inodeCacheSize, bytes, createIfMissing, syncMetadata, clock, etcd);
    }

    public KvConfig withCreateIfMissing(boolean create) {
        return new KvConfig(directory, chunkSize, dirtyLimitBytes, readCacheBytes, inodeCacheSize, capacityBytes, create, syncMetadata, clock, etcd);
    }

    public KvConfig withSyncMetadata(boolean sync) {
        return new KvConfig(directory, chunkSize, dirtyLimitBytes, readCacheBytes, inodeCacheSize, capacityBytes, createIfMissing, sync, clock, etcd);
    }

    public KvConfig withEtcd(EtcdSettings settings) {
        return new KvConfig(settings == null ? directory : null, chunkSize, dirtyLimitBytes, readCacheBytes, inodeCacheSize,
                capacityBytes, createIfMissing, syncMetadata, clock, settings);
    }

    public KvConfig withClock(Clock newClock) {
        return new KvConfig(directory, chunkSize, dirtyLimitBytes, readCacheBytes, inodeCacheSize, capacityBytes, createIfMissing, syncMetadata, newClock, etcd);
    }
}
