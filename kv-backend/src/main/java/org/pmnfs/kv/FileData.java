package org.pmnfs.kv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pmnfs.vfs.FBigException;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.IsDirException;
import org.pmnfs.vfs.JukeboxException;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WccData;
import org.pmnfs.vfs.WriteResult;

/**
 * A file's bytes as chunk objects: WRITE with its three stabilities, COMMIT, write-back, and the
 * chunk side of truncate and remove (READ is {@link ChunkReader}). UNSTABLE data waits in the inode's dirty chunks (bounded by
 * {@link DirtyBudget}); writing a file back stores all its dirty chunks and its record in one
 * batch, so the stored size always covers exactly the stored chunks.
 */
final class FileData {

    /** Up to this many stored chunks are deleted one by one; more use one range delete. */
    static final long POINT_DELETE_MAX = 64;
    /** Write-backs a writer may do to make room before answering JUKEBOX. */
    private static final int MAX_WRITE_BACKS = 64;

    private final KvContext cx;
    private final int chunkSize;
    private final ChunkPool pool;
    private final ChunkReader reader;
    private final ChunkWriter writer;

    FileData(KvContext cx) {
        this.cx = cx;
        this.chunkSize = cx.chunks.chunkSize();
        this.pool = new ChunkPool(chunkSize, cx.dirty.limit());
        this.reader = new ChunkReader(cx);
        this.writer = new ChunkWriter(cx);
    }

    ChunkReader reader() {
        return reader;
    }

    WriteResult write(FileHandle file, long offset, ByteBuffer[] data, StableHow how) throws IOException {
        long total = 0;
        for (ByteBuffer b : data) {
            total += b.remaining();
        }
        if (total > Integer.MAX_VALUE) {
            throw new InvalException("write of " + total + " bytes at offset " + offset + " exceeds the largest single write, "
                    + Integer.MAX_VALUE + " bytes");
        }
        if (offset < 0 || offset > KvContext.MAX_FILE_SIZE - total) {
            throw new FBigException("write of " + total + " bytes at offset " + Long.toUnsignedString(offset)
                    + " passes the maximum file size "
                    + KvContext.MAX_FILE_SIZE);
        }
        // UNSTABLE data waits in memory: on a shared store it need not see other servers' changes
        // first, because storing it later requires the record version it was based on (a
        // conflict then drops it and changes the verifier). Every other write checks at once.
        Inode n = how == StableHow.UNSTABLE ? cx.pinKnown(file) : cx.pin(file);
        try {
            for (int attempt = 0; ; attempt++) {
                long needed = 0;
                n.lock.writeLock().lock();
                try {
                    InodeRecord before = cx.live(n);
                    requireRegular(n.ino, before, "write");
                    if (total == 0) {
                        return new WriteResult(0, how, WccData.of(cx.attributes(n.ino, before), cx.attributes(n.ino, before)));
                    }
                    List<Planned> plan = plan(n, offset, (int) total);
                    boolean through = how != StableHow.UNSTABLE;
                    if (!through) {
                        needed = growth(plan);
                        if (!cx.dirty.tryReserve(needed)) {
                            if (needed <= cx.dirty.limit() / 2) {
                                giveBack(n, plan);
                                plan = null;
                            } else {
                                through = true; // larger than the cache should hold: store it at once
                            }
                        }
                    }
                    if (plan != null) {
                        WriteResult result = through
                                ? writeThrough(n, before, offset, total, plan, data, how != StableHow.UNSTABLE)
                                : writeCached(n, before, offset, total, plan, data, needed);
                        return new WriteResult((int) total, how == StableHow.UNSTABLE ? StableHow.UNSTABLE
                                : StableHow.FILE_SYNC, result.file());
                    }
                } finally {
                    n.lock.writeLock().unlock();
                }
                makeRoom(needed, attempt);
            }
        } finally {
            cx.inodes.unpin(n);
        }
    }

    /** UNSTABLE: the bytes go into dirty chunks ({@code needed} bytes already reserved). */
    private WriteResult writeCached(Inode n, InodeRecord before, long offset, long total, List<Planned> plan,
                                    ByteBuffer[] data, long needed) throws IOException {
        long newSize = Math.max(before.size(), offset + total);
        try {
            chargeGrowth(n.ino, before.size(), newSize);
        } catch (IOException e) {
            cx.dirty.release(needed);
            giveBack(n, plan);
            throw e;
        }
        List<ChunkBuffer> targets = new ArrayList<>(plan.size());
        for (Planned p : plan) {
            targets.add(p.buffer);
            if (!p.wasDirty) {
                n.dirty.put(p.index, p.buffer);
            }
        }
        copyInto(plan, targets, data);
        n.dirtyBytes += needed;
        long now = cx.clock.now();
        InodeRecord after = before.withSize(newSize, now, now);
        n.setRecord(after);
        n.recordDirty = true;
        cx.dirty.noteDirty(n);
        return new WriteResult((int) total, StableHow.UNSTABLE, WccData.of(cx.attributes(n.ino, before), cx.attributes(n.ino, after)));
    }

    /**
     * FILE_SYNC, DATA_SYNC and oversized UNSTABLE writes: the new bytes, the file's other dirty
     * chunks and its record go to the store in one batch; memory changes only once it is stored,
     * so a failed write (NOSPC) leaves the file exactly as it was.
     */
    private WriteResult writeThrough(Inode n, InodeRecord before, long offset, long total, List<Planned> plan,
                                     ByteBuffer[] data, boolean sync) throws IOException {
        long newSize = Math.max(before.size(), offset + total);
        chargeGrowth(n.ino, before.size(), newSize);
        boolean stored = false;
        try {
            List<ChunkBuffer> targets = new ArrayList<>(plan.size());
            for (Planned p : plan) {
                targets.add(p.wasDirty ? p.buffer.copy() : p.buffer);
            }
            copyInto(plan, targets, data);
            long now = cx.clock.now();
            InodeRecord after = before.withSize(newSize, now, now);
            java.util.TreeMap<Long, byte[]> chunks = new java.util.TreeMap<>();
            for (Map.Entry<Long, ChunkBuffer> e : n.dirty.entrySet()) {
                chunks.put(e.getKey(), e.getValue().value());
            }
            for (int i = 0; i < plan.size(); i++) {
                chunks.put(plan.get(i).index, targets.get(i).value());
            }
            // 1. New bytes, pending dirty chunks and the record in one batch (see ChunkWriter.store),
            //    synced for FILE_SYNC/DATA_SYNC: acknowledged data is durable, and a crash shows
            //    all or none.
            long version;
            try {
                version = writer.store(n, chunks, after, sync);
            } catch (KvConflictException e) {
                cx.inodes.refresh(n); // another server changed the file: the retry starts from its record
                throw e;
            }
            stored = true;
            n.stored(version);
            for (int i = 0; i < plan.size(); i++) {
                n.dirty.put(plan.get(i).index, targets.get(i));
            }
            markStored(n, after);
            return new WriteResult((int) total, sync ? StableHow.FILE_SYNC : StableHow.UNSTABLE,
                    WccData.of(cx.attributes(n.ino, before), cx.attributes(n.ino, after)));
        } finally {
            if (!stored) {
                cx.space.refund(SpaceAccount.usage(FileType.REGULAR, newSize) - SpaceAccount.usage(FileType.REGULAR, before.size()));
            }
        }
    }

    private void chargeGrowth(long ino, long oldSize, long newSize) throws IOException {
        long delta = SpaceAccount.usage(FileType.REGULAR, newSize) - SpaceAccount.usage(FileType.REGULAR, oldSize);
        if (delta > 0) {
            cx.space.charge(delta, "growing inode " + ino + " from " + oldSize + " to " + newSize + " bytes");
        }
    }

    /** One chunk a write touches: its buffer and whether it was already dirty. */
    private record Planned(long index, int at, int length, ChunkBuffer buffer, boolean wasDirty) {}

    private List<Planned> plan(Inode n, long offset, int total) throws IOException {
        List<Planned> plan = new ArrayList<>(2);
        long pos = offset;
        int left = total;
        long durable = n.durableSize();
        while (left > 0) {
            long idx = cx.chunks.index(pos);
            int at = cx.chunks.within(pos);
            int k = Math.min(left, chunkSize - at);
            ChunkBuffer c = n.dirty.get(idx);
            boolean wasDirty = c != null;
            if (c == null) {
                c = cx.clean.take(n.ino, n.cacheEpoch, idx);
            }
            if (c == null) {
                // Read-modify-write only when the write leaves stored bytes of this chunk uncovered.
                int stored = cx.chunks.lengthInFile(idx, durable);
                boolean covers = at == 0 && k >= stored;
                c = covers ? null : reader.load(n.ino, idx);
                if (c == null) {
                    byte[] recycled = k == chunkSize ? pool.take() : null;
                    c = recycled != null ? ChunkBuffer.forWholeChunkWrite(recycled) : ChunkBuffer.empty(chunkSize);
                }
            }
            plan.add(new Planned(idx, at, k, c, wasDirty));
            pos += k;
            left -= k;
        }
        return plan;
    }

    private static long growth(List<Planned> plan) {
        long g = 0;
        for (Planned p : plan) {
            g += p.buffer.capacityAfterWrite(p.at, p.length) - (p.wasDirty ? p.buffer.capacity() : 0);
        }
        return g;
    }

    /** Puts chunks taken from the clean cache back, unchanged. */
    private void giveBack(Inode n, List<Planned> plan) {
        for (Planned p : plan) {
            if (!p.wasDirty && p.buffer.length() > 0) {
                cx.clean.put(n.ino, n.cacheEpoch, p.index, p.buffer);
            }
        }
    }

    /** Copies the write's bytes, in order, into the target buffer of each planned chunk. */
    private static void copyInto(List<Planned> plan, List<ChunkBuffer> targets, ByteBuffer[] data) {
        int bi = 0;
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            int at = p.at;
            int left = p.length;
            while (left > 0) {
                while (!data[bi].hasRemaining()) {
                    bi++;
                }
                ByteBuffer src = data[bi];
                int k = Math.min(left, src.remaining());
                targets.get(i).write(at, src, k);
                at += k;
                left -= k;
            }
        }
    }

    /** Writes back other files' dirty chunks (oldest first) until {@code needed} bytes fit, or JUKEBOX. */
    private void makeRoom(long needed, int attempt) throws IOException {
        for (int i = 0; i < MAX_WRITE_BACKS; i++) {
            if (cx.dirty.used() + needed <= cx.dirty.limit()) {
                return;
            }
            long victim = cx.dirty.oldestHolder();
            if (victim < 0) {
                break;
            }
            writeBack(victim);
        }
        if (cx.dirty.used() + needed > cx.dirty.limit() || attempt >= MAX_WRITE_BACKS) {
            cx.dirty.refused();
            throw new JukeboxException("dirty chunk cache full: " + cx.dirty.used() + " of " + cx.dirty.limit()
                    + " bytes used, this write needs " + needed + " more and write-back freed too little; retry later");
        }
    }

    /** Stores inode {@code ino}'s dirty chunks without syncing (room for other writers). */
    void writeBack(long ino) throws IOException {
        Inode v = cx.inodes.pin(ino);
        try {
            v.lock.writeLock().lock();
            try {
                flushLocked(v, false);
            } catch (KvConflictException dropped) {
                // another server changed the file: its UNSTABLE data was dropped, room is free
            } finally {
                v.lock.writeLock().unlock();
            }
        } finally {
            cx.inodes.unpin(v);
        }
    }

    /** COMMIT: stores the file's dirty chunks and record in one synced batch (or just syncs). */
    WccData commit(FileHandle file) throws IOException {
        Inode n = cx.pin(file);
        try {
            n.lock.writeLock().lock();
            try {
                InodeRecord r = cx.live(n);
                flushLocked(n, true);
                return WccData.of(cx.attributes(n.ino, r), cx.attributes(n.ino, r));
            } finally {
                n.lock.writeLock().unlock();
            }
        } finally {
            cx.inodes.unpin(n);
        }
    }

    /**
     * Stores every dirty chunk of {@code n} and its record in one batch (synced if asked); on
     * failure nothing changes in memory. Caller holds the write lock.
     */
    void flushLocked(Inode n, boolean sync) throws IOException {
        if (n.isDeleted() || n.isClean()) {
            if (sync) {
                makeDurable(n);
            }
            return;
        }
        InodeRecord r = n.record();
        java.util.TreeMap<Long, byte[]> chunks = new java.util.TreeMap<>();
        for (Map.Entry<Long, ChunkBuffer> e : n.dirty.entrySet()) {
            chunks.put(e.getKey(), e.getValue().value());
        }
        // 1. One batch: chunks and the record that covers them (see ChunkWriter.store). A crash before
        //    it leaves the previous stored state (UNSTABLE data lost, as the new write verifier
        //    tells clients); after it, both. Synced for COMMIT and FILE_SYNC, else only safe
        //    from process crashes.
        long version;
        try {
            version = writer.store(n, chunks, r, sync);
        } catch (KvConflictException e) {
            // Another server changed the file since this data was based on it: the data cannot
            // be stored over that change. Drop it and change the verifier (clients resend it).
            cx.loseDirty(n);
            cx.inodes.refresh(n);
            throw e;
        }
        n.stored(version);
        // 2. Memory follows the store: the chunks become clean cache entries.
        markStored(n, r);
    }

    /**
     * Stores {@code n}'s dirty data, and makes any of it that went to the store unlogged durable,
     * so a logged batch that rewrites {@code n}'s record next (a namespace change: attributes,
     * links, rename) cannot survive a crash that loses the data the record's size covers.
     * Caller holds the write lock.
     */
    void settleLocked(Inode n) throws IOException {
        flushLocked(n, false);
        cx.sync.persist(n.unloggedTicket);
    }

    /** COMMIT of a file with nothing dirty: what earlier write-backs stored becomes durable. */
    private void makeDurable(Inode n) throws IOException {
        if (cx.sync.unpersisted(n.unloggedTicket)) {
            cx.sync.persist(n.unloggedTicket);
        } else {
            cx.sync.sync();
        }
    }

    /**
     * After a store write of all of {@code n}'s chunks with record {@code r}: chunks turn clean.
     * A write-back larger than a quarter of the read cache is streaming data; it bypasses the
     * cache instead of evicting everything hotter (and keeping the garbage collector busy).
     */
    private void markStored(Inode n, InodeRecord r) {
        if (n.dirtyBytes <= cx.clean.limit() / 4) {
            for (Map.Entry<Long, ChunkBuffer> e : n.dirty.entrySet()) {
                cx.clean.put(n.ino, n.cacheEpoch, e.getKey(), e.getValue());
            }
        } else {
            // Stored, uncached, unreferenced: the arrays can carry the next whole-chunk writes.
            for (ChunkBuffer c : n.dirty.values()) {
                pool.give(c.array());
            }
        }
        n.dirty.clear();
        cx.dirty.release(n.dirtyBytes);
        cx.dirty.noteClean(n);
        n.dirtyBytes = 0;
        n.recordDirty = false;
        n.setRecord(r);
        n.setDurableSize(r.size());
    }

    /**
     * Adds to {@code batch} what cuts the stored data of {@code n} from {@code oldSize} down to
     * {@code newSize}: deletes of chunks past the end and the trimmed last chunk. Caller holds the
     * write lock and has flushed the inode, and calls {@link #afterTruncate} once the batch is stored.
     */
    void truncateInto(Inode n, long newSize, KvBatch batch) throws IOException {
        if (!n.isClean()) {
            throw new IllegalStateException("inode " + n.ino + ": truncate needs a flushed inode");
        }
        long durable = n.durableSize();
        if (newSize >= durable) {
            return;
        }
        long keep = cx.chunks.chunksFor(newSize);
        deleteChunks(n.ino, keep, cx.chunks.chunksFor(durable), batch);
        int tail = cx.chunks.within(newSize);
        if (tail != 0) {
            long last = keep - 1;
            ChunkBuffer c = cx.clean.get(n.ino, n.cacheEpoch, last);
            byte[] value = c != null ? c.value() : cx.store.get(KeyCodec.chunk(n.ino, last));
            if (value != null && value.length > tail) {
                batch.put(KeyCodec.chunk(n.ino, last), java.util.Arrays.copyOf(value, tail));
            }
        }
    }

    /** Memory follows a stored truncate: cached chunks go stale. Caller holds the write lock. */
    void afterTruncate(Inode n, long newSize) {
        n.cacheEpoch = cx.inodes.newEpoch();
        n.setDurableSize(newSize);
    }

    /** Adds deletes of every stored chunk of a removed inode. Caller holds the write lock. */
    void removeInto(Inode n, KvBatch batch) {
        deleteChunks(n.ino, 0, cx.chunks.chunksFor(Math.max(n.durableSize(), 0)), batch);
    }

    /** Memory follows a stored remove: dirty chunks are dropped and their memory released. */
    void afterRemove(Inode n) {
        cx.dropDirty(n);
        n.cacheEpoch = cx.inodes.newEpoch();
        n.setRecord(Inode.DELETED);
    }

    private static void deleteChunks(long ino, long from, long to, KvBatch batch) {
        if (to <= from) {
            return;
        }
        if (to - from <= POINT_DELETE_MAX) {
            for (long i = from; i < to; i++) {
                batch.delete(KeyCodec.chunk(ino, i));
            }
        } else {
            batch.deleteRange(KeyCodec.chunk(ino, from), KeyCodec.chunksEnd(ino));
        }
    }

    /** Stores every dirty inode (at close), then syncs. */
    void flushAll() throws IOException {
        for (Inode n : cx.inodes.all()) {
            n.lock.writeLock().lock();
            try {
                flushLocked(n, false);
            } catch (KvConflictException dropped) {
                // another server changed the file; its UNSTABLE data was dropped (and logged)
            } finally {
                n.lock.writeLock().unlock();
            }
        }
        cx.sync.persistAll();
    }

    static void requireRegular(long ino, InodeRecord r, String what) throws IOException {
        if (r.type() == FileType.DIRECTORY) {
            throw new IsDirException("cannot " + what + " inode " + ino + ": it is a directory");
        }
        if (r.type() != FileType.REGULAR) {
            throw new InvalException("cannot " + what + " inode " + ino + ": it is a " + r.type() + ", not a regular file");
        }
    }
}
