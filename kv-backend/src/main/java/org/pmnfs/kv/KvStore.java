package org.pmnfs.kv;

import java.io.IOException;

/**
 * The ordered, transactional key-value store that kv-backend keeps everything in: point reads and
 * writes, ordered range scans, atomic batches and an explicit sync. Keys compare as unsigned bytes.
 *
 * <p>An engine (RocksDB first, a distributed one later) implements exactly this and nothing more;
 * no engine type appears in the signatures. Failures are {@link IOException}s: a full disk is
 * {@link org.pmnfs.vfs.NoSpcException}, anything else {@link org.pmnfs.vfs.NfsIoException} with the
 * engine's message. A failed write changes nothing.
 */
interface KvStore extends AutoCloseable {

    /** The value stored under {@code key}, or null. */
    byte[] get(byte[] key) throws IOException;

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
     */
    void write(KvBatch batch, boolean sync) throws IOException;

    /** Makes every earlier write durable (on stable storage). */
    void sync() throws IOException;

    /**
     * Bytes the engine's files occupy on disk, live data and garbage a later compaction returns
     * alike; FSSTAT counts the difference to the live data as free.
     */
    long storedBytes() throws IOException;

    /**
     * Bytes the engine estimates its background compaction still has to rewrite (RocksDB's
     * estimate-pending-compaction-bytes): a growing backlog means writes outrun compaction, and
     * the engine will slow writes down. For monitoring; 0 when the engine has no such backlog.
     */
    long compactionBacklogBytes() throws IOException;

    /** Releases the store. Unsynced writes survive as they would a process crash. */
    @Override
    void close() throws IOException;

    /** Receives the pairs of a {@link #scan}. */
    @FunctionalInterface
    interface KvVisitor {
        /** Handles one pair; returns false to stop the scan. */
        boolean visit(byte[] key, byte[] value) throws IOException;
    }
}
