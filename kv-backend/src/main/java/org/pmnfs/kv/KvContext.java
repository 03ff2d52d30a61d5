package org.pmnfs.kv;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.NanoClock;
import org.pmnfs.vfs.StaleException;

/**
 * What every part of one open kv backend shares: the store, the inode table, the chunk caches,
 * the clock and the handle codec, plus the small helpers that turn handles into pinned inodes.
 */
final class KvContext {

    /** Largest file: 2^50 bytes (1 PiB), far below where chunk indices or offsets could overflow. */
    static final long MAX_FILE_SIZE = 1L << 50;
    /** Most hard links to one object, and most subdirectories (+2) of a directory, as ext3 allows (each link is a synced batch). */
    static final int LINK_MAX = 32_000;

    final KvStore store;
    final SyncTracker sync;
    final InodeTable inodes;
    final ChunkMapping chunks;
    final DirtyBudget dirty;
    final CleanChunkCache clean;
    final NanoClock clock;
    final HandleCodec handles;
    final InoAllocator allocator;
    final boolean syncMetadata;
    final SpaceAccount space;
    /** Live inodes, counted at open and kept by create and remove. */
    final AtomicLong liveInodes;
    /** Serialises renames between directories, so the ancestry walk sees a stable tree (as Linux's s_vfs_rename_mutex). */
    final ReentrantLock crossDirectoryRename = new ReentrantLock();
    /**
     * Other servers write the store too: every call brings the inodes it uses up to the store,
     * every namespace batch carries the versions it read as conditions, and a conflict retries.
     */
    final boolean shared;
    /** The write verifier: {@code (opens << 32) | n}; n changes when UNSTABLE data had to be dropped. */
    private final AtomicLong writeVerifier;

    KvContext(KvStore store, InodeTable inodes, ChunkMapping chunks, DirtyBudget dirty, CleanChunkCache clean,
              NanoClock clock, HandleCodec handles, InoAllocator allocator, boolean syncMetadata, long liveInodes, SpaceAccount space,
              long writeVerifier) {
        this.store = store;
        this.shared = store.shared();
        this.writeVerifier = new AtomicLong(writeVerifier);
        this.sync = new SyncTracker(store);
        this.inodes = inodes;
        this.chunks = chunks;
        this.dirty = dirty;
        this.clean = clean;
        this.clock = clock;
        this.handles = handles;
        this.allocator = allocator;
        this.syncMetadata = syncMetadata;
        this.liveInodes = new AtomicLong(liveInodes);
        this.space = space;
        inodes.onLostDirty(this::loseDirty);
        inodes.retainWhile(n -> sync.unpersisted(n.unloggedTicket));
    }

    long writeVerifier() {
        return writeVerifier.get();
    }

    /**
     * Drops an inode's UNSTABLE data that another server's change made unstorable, and changes
     * the write verifier: every client then resends what it has not committed (RFC 1813 3.3.7),
     * this file's data included. Caller holds the inode's write lock.
     */
    void loseDirty(Inode n) {
        long v = writeVerifier.updateAndGet(x -> (x & 0xffff_ffff_0000_0000L) | ((x + 1) & 0xffff_ffffL));
        org.slf4j.LoggerFactory.getLogger(KvContext.class).warn("inode {}: another server changed the file while this one"
                + " held {} bytes of its UNSTABLE data; dropped them, new write verifier {} (clients resend)",
                n.ino, n.dirtyBytes, Long.toHexString(v));
        dropDirty(n);
    }

    /** Forgets an inode's dirty chunks and releases their memory. Caller holds the write lock. */
    void dropDirty(Inode n) {
        n.dirty.clear();
        dirty.release(n.dirtyBytes);
        dirty.noteClean(n);
        n.dirtyBytes = 0;
        n.recordDirty = false;
    }

    /** Shared stores: the batch applies only while {@code n}'s stored record is the version this server holds. */
    void expectInode(KvBatch batch, Inode n) {
        if (shared) {
            batch.expect(KeyCodec.inode(n.ino), n.storedVersion());
        }
    }

    /** Shared stores: the batch applies only while {@code key} is still absent. */
    void expectAbsent(KvBatch batch, byte[] key) {
        if (shared) {
            batch.expect(key, 0);
        }
    }

    /** Shared stores: the batch applies only while entry {@code name} of {@code dir} is still what was found (or absent). */
    void expectEntry(KvBatch batch, long dir, org.pmnfs.vfs.FileName name, DirentRecord found) {
        if (shared) {
            batch.expect(KeyCodec.dirent(dir, name), found == null ? 0 : found.version());
        }
    }

    /**
     * The live inode a handle names, pinned (the caller unpins); STALE when it is gone or reused.
     * On a shared store its record is first brought up to the store's.
     */
    Inode pin(FileHandle handle) throws IOException {
        return pin(handle, true);
    }

    /** {@link #pin(FileHandle)} without reading a shared store when the inode is in memory (UNSTABLE writes). */
    Inode pinKnown(FileHandle handle) throws IOException {
        return pin(handle, false);
    }

    private Inode pin(FileHandle handle, boolean fresh) throws IOException {
        HandleCodec.InodeRef ref = handles.decode(handle);
        Inode n = inodes.pin(ref.ino());
        boolean ok = false;
        try {
            if (fresh) {
                inodes.refresh(n);
            }
            InodeRecord r = inodes.record(n);
            if (r == null || r.generation() != ref.generation()) {
                throw new StaleException("inode " + ref.ino() + (r == null ? " no longer exists" : " was reused"));
            }
            ok = true;
            return n;
        } finally {
            if (!ok) {
                inodes.unpin(n);
            }
        }
    }

    /** The record of a pinned inode; STALE when it was removed meanwhile. */
    InodeRecord live(Inode n) throws IOException {
        InodeRecord r = inodes.record(n);
        if (r == null) {
            throw new StaleException("inode " + n.ino + " no longer exists");
        }
        return r;
    }

    /**
     * The record of inode {@code ino} without keeping it pinned (listings, the rename ancestry
     * walk; on a shared store read fresh, without waiting for its lock); null when absent.
     */
    InodeRecord peek(long ino) throws IOException {
        Inode n = inodes.pin(ino);
        try {
            return inodes.current(n, null);
        } finally {
            inodes.unpin(n);
        }
    }

    /** {@link #peek(long)}, and on a shared store a condition in {@code batch} that the record stays that version. */
    InodeRecord peek(long ino, KvBatch batch) throws IOException {
        Inode n = inodes.pin(ino);
        try {
            return inodes.current(n, shared ? batch : null);
        } finally {
            inodes.unpin(n);
        }
    }

    FileHandle handle(long ino, InodeRecord r) {
        return handles.encode(ino, r.generation());
    }

    FileAttributes attributes(long ino, InodeRecord r) {
        return r.toAttributes(handles.fsid(), ino);
    }

    /** A generation for a new inode: random and never 0, so a handle from a restored older copy is stale. */
    static long newGeneration() {
        long g;
        do {
            g = ThreadLocalRandom.current().nextLong();
        } while (g == 0);
        return g;
    }

    /** Writes a namespace batch, durable before return unless the config relaxed it; returns the version of what it put. */
    long writeMetadata(KvBatch batch) throws IOException {
        return sync.write(batch, syncMetadata);
    }
}
