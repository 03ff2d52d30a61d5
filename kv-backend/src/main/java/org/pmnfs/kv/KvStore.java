package org.pmnfs.kv;

import java.io.IOException;

/**
 * The ordered, transactional key-value store that kv-backend keeps everything in: point reads and
 * writes, ordered range scans, atomic batches and an explicit sync. Keys compare as unsigned bytes.
 *
 * <p>An engine (RocksDB in a directory, etcd on a cluster) implements exactly this and nothing
 * more; no engine type appears in the signatures. Failures are {@link IOException}s: a full store
 * is {@link org.pmnfs.vfs.NoSpcException}, an engine that cannot answer now (a cluster without
 * quorum) {@link org.pmnfs.vfs.JukeboxException}, a batch whose conditions failed
 * {@link KvConflictException}, anything else {@link org.pmnfs.vfs.NfsIoException} with the
 * engine's message. A failed write changes nothing (a write that timed out may still be applied
 * later, whole, by a distributed engine).
 *
 * <p><b>Versions.</b> A {@link #shared} engine may be written by other processes at the same time.
 * It gives every stored key a version, a number that grows with every write of the key (etcd: its
 * mod revision), and applies a batch only when the versions named by its
 * {@link KvBatch#expect conditions} still hold. An exclusive engine has no versions (they read 0)
 * and refuses conditions: its one process's locks already order every change.
 */
interface KvStore extends AutoCloseable {

    /** The value stored under {@code key}, or null. */
    byte[] get(byte[] key) throws IOException;

    /**
     * The value and version of {@code key} (value null and version 0 when absent), and the store
     * version the read reflects ({@code asOf}): any write made before the read has a version at
     * most {@code asOf}. Exclusive engines answer versions 0.
     */
    Versioned getVersioned(byte[] key) throws IOException;

    /** True when other processes may write this store at the same time (then batches carry conditions). */
    boolean shared();

    /** The most operations one atomic {@link #write} may hold. */
    int maxBatchOps();

    /** The most key and value bytes one atomic {@link #write} may hold. */
    long maxBatchBytes();

    /** The store's own capacity in bytes (etcd: the cluster's storage quota); 0 when the disk is the limit. */
    long capacityBytes();

    /** Stores one pair; with {@code sync}, durable (on stable storage) before return. */
    void put(byte[] key, byte[] value, boolean sync) throws IOException;

    /** Removes one key (absent keys are fine); with {@code sync}, durable before return. */
    void delete(byte[] key, boolean sync) throws IOException;

    /**
     * Visits the pairs with {@code fromInclusive <= key < toExclusive} in ascending key order,
     * until the visitor returns false. The visitor sees a consistent snapshot.
     */
    void scan(byte[] fromInclusive, byte[] toExclusive, KvVisitor visitor) throws IOException;

    /**
     * Applies every operation of {@code batch} atomically: after a crash, either all of them or
     * none are visible. With {@code sync}, durable before return, together with every write made
     * before it. Without, it survives a process crash (kill -9) but may be lost on power loss.
     * Returns the version every key the batch put now has (0 for an exclusive engine).
     *
     * @throws KvConflictException when one of the batch's conditions failed; nothing was written
     */
    long write(KvBatch batch, boolean sync) throws IOException;

    /** Makes every earlier write durable (on stable storage), except {@link #writeUnlogged unlogged} ones. */
    void sync() throws IOException;

    /**
     * Chunk bytes of one file's store write from which kv-backend writes it through
     * {@link #writeUnlogged}; {@link Long#MAX_VALUE} for an engine without an unlogged path.
     */
    long unloggedMinBytes();

    /** The most key and value bytes kv-backend puts in one {@link #writeUnlogged} batch. */
    long unloggedBatchBytes();

    /**
     * Applies every operation of {@code batch} atomically, without the engine's log where it has
     * one (RocksDB: no WAL record), so bulk file data reaches storage once, at {@link #persist},
     * instead of twice. The batch is visible to reads at once. Until a {@link #persist} that
     * starts after this returns, it may be lost by a process crash (kill -9) as well as by a
     * power loss, while logged writes made after it survive: callers must not let a logged
     * write depend on it (see kv-backend/README.md, "Crash consistency"). Unlogged batches
     * survive in order: a crash keeps a prefix of them (the engine persists whole memtables).
     * Exclusive engines only; a shared engine writes it as {@code write(batch, false)}.
     * Returns the version its puts now have (0 for an exclusive engine).
     */
    long writeUnlogged(KvBatch batch) throws IOException;

    /**
     * Makes every write that returned before this call durable, unlogged ones included
     * (RocksDB: a memtable flush to table and blob files, each synced).
     */
    void persist() throws IOException;

    /**
     * Bytes the engine's files occupy on disk, live data and garbage a later compaction returns
     * alike; FSSTAT counts the difference to the live data as free.
     */
    long storedBytes() throws IOException;

    /**
     * The engine's own numbers for monitoring (RocksDB: its compaction backlog; etcd: the quota
     * and the database's size), named and explained for that engine. Each value is cheap to read
     * (no I/O) and is read only while the store is open.
     */
    java.util.List<org.pmnfs.vfs.BackendMetric> metrics();

    /** Releases the store. Unsynced writes survive as they would a process crash. */
    @Override
    void close() throws IOException;

    /** A value read with its version; {@code value} null and {@code version} 0 when absent. */
    record Versioned(byte[] value, long version, long asOf) {}

    /** Receives the pairs of a {@link #scan}. */
    @FunctionalInterface
    interface KvVisitor {
        /** Handles one pair; returns false to stop the scan. */
        boolean visit(byte[] key, byte[] value) throws IOException;
    }
}
