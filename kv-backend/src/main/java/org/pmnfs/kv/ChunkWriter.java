package org.pmnfs.kv;

import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Writes a file's chunks and the record that covers them to the store, in the order that keeps
 * every stored chunk inside the stored size across a crash: one batch where the engine takes it
 * whole, steps where it does not (etcd's transaction limits), the unlogged path where it has one.
 * {@link FileData} decides when; this class decides how.
 */
final class ChunkWriter {

    private final KvContext cx;

    ChunkWriter(KvContext cx) {
        this.cx = cx;
    }

    /**
     * Stores {@code chunks} of {@code n} and its record {@code r}; returns the record's new
     * version. Where the engine has an unlogged path and the chunks reach its threshold (or the
     * file already has unlogged data not yet persisted), that path ({@link #storeUnlogged}).
     * Otherwise one atomic batch when the engine takes it whole (always for RocksDB). An etcd
     * transaction holds at most about 1 MiB and 128 operations, so a bigger write goes in steps
     * that keep every stored chunk inside the stored size at every moment:
     * <ol>
     * <li>the record with the new size first (a crash here leaves the file at its new size with
     *     zeros or old bytes where the new data goes: only UNSTABLE data is missing, and the
     *     client resends it when the write verifier changes);
     * <li>the chunks, in groups that fit one transaction, each applied only while the record is
     *     still the one written in step 1 (a truncate by another server in between stops the
     *     write: {@link KvConflictException});
     * <li>the record again, so its version moves past every chunk written and other servers
     *     drop chunks they cached in between.
     * </ol>
     * On a shared store every step requires the record to be the version this server holds.
     * Caller holds the write lock.
     */
    long store(Inode n, NavigableMap<Long, byte[]> chunks, InodeRecord r, boolean sync)
            throws IOException {
        KvStore store = cx.store;
        byte[] recordKey = KeyCodec.inode(n.ino);
        byte[] record = r.encode();
        long bytes = recordKey.length + record.length;
        for (Map.Entry<Long, byte[]> e : chunks.entrySet()) {
            bytes += KeyCodec.ID_BYTES * 2 + 1 + e.getValue().length;
        }
        if (!cx.shared && (bytes >= store.unloggedMinBytes() || cx.sync.unpersisted(n.unloggedTicket))) {
            storeUnlogged(n, chunks, recordKey, record, sync);
            return 0;
        }
        if (chunks.size() + 1 <= store.maxBatchOps() && bytes <= store.maxBatchBytes()) {
            KvBatch batch = new KvBatch();
            for (Map.Entry<Long, byte[]> e : chunks.entrySet()) {
                batch.put(KeyCodec.chunk(n.ino, e.getKey()), e.getValue());
            }
            batch.put(recordKey, record);
            cx.expectInode(batch, n);
            return cx.sync.write(batch, sync);
        }
        // 1. The record with the new size.
        KvBatch first = new KvBatch();
        first.put(recordKey, record);
        cx.expectInode(first, n);
        long version = cx.sync.write(first, sync);
        // 2. The chunks, each group only while the record is still ours.
        KvBatch group = new KvBatch();
        for (Map.Entry<Long, byte[]> e : chunks.entrySet()) {
            byte[] key = KeyCodec.chunk(n.ino, e.getKey());
            if (!group.isEmpty() && (group.size() + 1 >= store.maxBatchOps()
                    || group.bytes() + key.length + e.getValue().length > store.maxBatchBytes() - recordKey.length)) {
                writeGroup(group, recordKey, version, sync);
                group = new KvBatch();
            }
            group.put(key, e.getValue());
        }
        if (!group.isEmpty()) {
            writeGroup(group, recordKey, version, sync);
        }
        // 3. The record again: its version now covers every chunk.
        KvBatch last = new KvBatch();
        last.put(recordKey, record);
        if (cx.shared) {
            last.expect(recordKey, version);
        }
        return cx.sync.write(last, sync);
    }

    /**
     * The unlogged path of {@link #store} (exclusive engines): the data is written to storage
     * once, by the memtable flush of {@link SyncTracker#persist}, instead of to the WAL now and to
     * a blob file at the flush. Unlogged batches survive a crash only as a prefix of their order,
     * so the same steps as a split etcd write keep every stored chunk inside the stored size:
     * <ol>
     * <li>the record with the new size (a crash that keeps only this shows the new size with the
     *     old bytes, or zeros, where the UNSTABLE data went: the write verifier changes and
     *     clients resend it);
     * <li>the chunks, in batches of {@link KvStore#unloggedBatchBytes} (a reused native buffer
     *     each; one 64 MiB batch page-faulted a fresh buffer on every COMMIT);
     * <li>for COMMIT and FILE_SYNC: {@link SyncTracker#persist}, a memtable flush that syncs the
     *     table file, the blob file, the MANIFEST and the directory, so the reply goes out only
     *     once the data is on stable storage. Without it, a kill -9 loses the data
     *     ({@code UnloggedCrashTest} shows it).
     * </ol>
     * Until that persist, no logged write of this inode's record may go out ({@link FileData#settleLocked}
     * and the {@code unpersisted} test in {@link #store}), so a crash never keeps a record
     * that covers lost data while it loses older unlogged data. Caller holds the write lock.
     */
    private void storeUnlogged(Inode n, NavigableMap<Long, byte[]> chunks, byte[] recordKey, byte[] record,
                               boolean sync) throws IOException {
        KvStore store = cx.store;
        // 1. The record with the new size.
        KvBatch first = new KvBatch();
        first.put(recordKey, record);
        long ticket = cx.sync.writeUnlogged(first);
        // 2. The chunks.
        KvBatch group = new KvBatch();
        for (Map.Entry<Long, byte[]> e : chunks.entrySet()) {
            byte[] key = KeyCodec.chunk(n.ino, e.getKey());
            if (!group.isEmpty() && group.bytes() + key.length + e.getValue().length > store.unloggedBatchBytes()) {
                ticket = cx.sync.writeUnlogged(group);
                group = new KvBatch();
            }
            group.put(key, e.getValue());
        }
        if (!group.isEmpty()) {
            ticket = cx.sync.writeUnlogged(group);
        }
        n.unloggedTicket = ticket;
        // 3. COMMIT, FILE_SYNC: durable before the reply.
        if (sync) {
            cx.sync.persist(ticket);
        }
    }

    private void writeGroup(KvBatch group, byte[] recordKey, long recordVersion, boolean sync) throws IOException {
        if (cx.shared) {
            group.expect(recordKey, recordVersion);
        }
        cx.sync.write(group, sync);
    }
}
