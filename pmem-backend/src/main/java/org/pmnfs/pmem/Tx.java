package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.JournalLayout.*;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pmnfs.pmem.layout.OnMedia;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One metadata transaction on one journal lane. Before a range of existing metadata changes,
 * {@link #undo} captures its old bytes; the records reach the lane and are persisted lazily, right
 * before the next store ({@link #beforeStore}), so a batch of undo calls costs one persist. Blocks
 * allocated in the transaction are "fresh": they need no undo (nothing durable points to them
 * until the transaction commits). {@link #commit} persists every stored range and then retires
 * the records; {@link #close} without commit rolls back. Frees wait for the commit.
 *
 * <p>Not thread-safe: one thread owns a transaction from begin to close.
 */
final class Tx implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tx.class);

    /** Verify that every store lands in a logged or fresh range (on when assertions are, as in tests). */
    static final boolean CHECKS = Tx.class.desiredAssertionStatus();

    private final Journal journal;
    private final Journal.Lane lane;
    private final PmemDevice dev;
    private final BlockAllocator alloc;
    private final long seq;

    /** Undo records in log order; those from {@code written} on are not in the lane yet. */
    private final List<Journal.Record> records = new ArrayList<>();
    private int written;
    /** Lane-relative end of the records written so far. */
    private int logEnd = RECORDS_OFFSET;

    /** Ranges of blocks allocated here: [start, end) pairs. */
    private long[] fresh = new long[16];
    private int freshCount;
    private long[] allocated = new long[8];
    private int allocatedCount;

    private final FlushSet dirty = new FlushSet();
    private long[] freed = new long[8];
    private int freedCount;
    private final List<Runnable> afterCommit = new ArrayList<>(2);
    private final List<long[]> freedTrees = new ArrayList<>(2);
    private boolean finished;

    Tx(Journal journal, Journal.Lane lane, PmemDevice dev, BlockAllocator alloc) {
        this.journal = journal;
        this.lane = lane;
        this.dev = dev;
        this.alloc = alloc;
        this.seq = lane.doneSeq + 1;
    }

    PmemDevice device() {
        return dev;
    }

    /** Records the current bytes of {@code [off, off + len)} so a crash or an abort restores them. */
    void undo(long off, int len) {
        if (len <= 0 || covered(off, len)) {
            return;
        }
        byte[] old = new byte[len];
        dev.read(off, MemorySegment.ofArray(old), 0, len);
        int last = records.size() - 1;
        if (last >= written && last >= 0) {
            Journal.Record r = records.get(last);
            if (r.offset() + r.old().length == off && r.old().length + len <= OnMedia.BLOCK_SIZE) {
                byte[] merged = Arrays.copyOf(r.old(), r.old().length + len);
                System.arraycopy(old, 0, merged, r.old().length, len);
                records.set(last, new Journal.Record(r.offset(), merged));
                return;
            }
        }
        records.add(new Journal.Record(off, old));
    }

    private boolean covered(long off, long len) {
        long end = off + len;
        for (int i = 0; i < freshCount; i++) {
            if (off >= fresh[2 * i] && end <= fresh[2 * i + 1]) {
                return true;
            }
        }
        for (Journal.Record r : records) {
            if (off >= r.offset() && end <= r.offset() + r.old().length) {
                return true;
            }
        }
        return false;
    }

    /** Claims a block for this transaction; its content is garbage until the caller fills all of it. */
    long allocate(BlockAllocator.Reservation r) {
        long bn = alloc.allocate(r);
        if (allocatedCount == allocated.length) {
            allocated = Arrays.copyOf(allocated, allocatedCount * 2);
        }
        allocated[allocatedCount++] = bn;
        long start = OnMedia.blockOffset(bn);
        if (freshCount * 2 == fresh.length) {
            fresh = Arrays.copyOf(fresh, fresh.length * 2);
        }
        fresh[2 * freshCount] = start;
        fresh[2 * freshCount + 1] = start + OnMedia.BLOCK_SIZE;
        freshCount++;
        return bn;
    }

    /** {@link #allocate} and zero the whole block. */
    long allocateZeroed(BlockAllocator.Reservation r) {
        long bn = allocate(r);
        fill(OnMedia.blockOffset(bn), OnMedia.BLOCK_SIZE, (byte) 0);
        return bn;
    }

    /** Frees {@code bn} when this transaction has committed (never earlier: its old pointer may still be durable). */
    void freeBlock(long bn) {
        if (freedCount == freed.length) {
            freed = Arrays.copyOf(freed, freedCount * 2);
        }
        freed[freedCount++] = bn;
    }

    /** Frees a whole radix subtree after commit (walked then, so nothing large is held in DRAM). */
    void freeTree(long root, int level) {
        freedTrees.add(new long[] {root, level});
    }

    /** Runs {@code action} after a successful commit (DRAM bookkeeping such as freeing an inode number). */
    void onCommit(Runnable action) {
        afterCommit.add(action);
    }

    void putLong(long off, long v) {
        beforeStore(off, Long.BYTES);
        dev.putLong(off, v);
    }

    void putInt(long off, int v) {
        beforeStore(off, Integer.BYTES);
        dev.putInt(off, v);
    }

    void putShort(long off, short v) {
        beforeStore(off, Short.BYTES);
        dev.putShort(off, v);
    }

    void putByte(long off, byte v) {
        beforeStore(off, 1);
        dev.putByte(off, v);
    }

    void write(long off, MemorySegment src, long srcOff, long len) {
        beforeStore(off, len);
        dev.write(off, src, srcOff, len);
    }

    void fill(long off, long len, byte v) {
        beforeStore(off, len);
        dev.fill(off, len, v);
    }

    /** File data into an existing block: not undone on rollback (writes are not atomic), but persisted at commit. */
    void writeData(long off, MemorySegment src, long srcOff, long len) {
        flushLog();
        dirty.add(off, len);
        dev.write(off, src, srcOff, len);
    }

    /** Zeroes file bytes past EOF without logging them (they are invisible whether or not the fill survives). */
    void fillData(long off, long len, byte v) {
        flushLog();
        dirty.add(off, len);
        dev.fill(off, len, v);
    }

    /**
     * Makes the pending undo records durable before the first store they protect:
     * (1) write the records into the lane after the ones already there; (2) flush them and fence.
     * A crash before (2) completes leaves the records torn or absent, and no protected range has
     * been touched yet; after it, recovery can undo every store that follows.
     */
    private void beforeStore(long off, long len) {
        flushLog();
        if (CHECKS && !covered(off, len)) {
            throw new IllegalStateException("store to [" + off + ", " + (off + len) + ") is neither logged nor in a fresh block");
        }
        dirty.add(off, len);
    }

    private void flushLog() {
        if (written == records.size()) {
            return;
        }
        int start = logEnd;
        for (; written < records.size(); written++) {
            Journal.Record r = records.get(written);
            int len = r.old().length;
            int size = recordSize(len);
            if (logEnd + size > journal.geometry().laneBytes()) {
                throw new IllegalStateException("transaction too large for a journal lane: " + (logEnd + size)
                        + " bytes of undo, lane holds " + journal.geometry().laneBytes());
            }
            byte[] rec = new byte[size];
            MemorySegment m = MemorySegment.ofArray(rec);
            m.set(OnMedia.U64, REC_SEQ, seq);
            m.set(OnMedia.U64, REC_OFFSET, r.offset());
            m.set(OnMedia.U32, REC_LEN, len);
            System.arraycopy(r.old(), 0, rec, REC_HEADER, len);
            m.set(OnMedia.U32, REC_CRC, Journal.crc(rec, len));
            // (1) the record goes after the previous ones; it is only valid with seq = done_seq + 1 and its CRC.
            dev.write(lane.offset + logEnd, m, 0, size);
            logEnd += size;
        }
        // (2) persist: from here on the protected ranges may change.
        dev.persist(lane.offset + start, logEnd - start);
    }

    /**
     * Makes the transaction durable:
     * (1) flush every range stored to (metadata, fresh blocks, data) and fence. A crash before the
     *     fence completes: the records are live and recovery restores the old state.
     * (2) store done_seq = seq in the lane header and persist it. A crash before: as (1); after:
     *     recovery ignores the records, the new state stands.
     * (3) release blocks freed here: no durable pointer names them any more.
     */
    void commit() {
        if (finished) {
            throw new IllegalStateException("transaction already finished");
        }
        if (!dirty.isEmpty()) {
            dev.flush(dirty);
            dev.fence();
        }
        if (logEnd > RECORDS_OFFSET) {
            dev.putLong(lane.offset + DONE_SEQ, seq);
            dev.persist(lane.offset + DONE_SEQ, Long.BYTES);
            lane.doneSeq = seq;
        }
        finished = true;
        for (int i = 0; i < freedCount; i++) {
            alloc.release(freed[i]);
        }
        for (long[] t : freedTrees) {
            RadixTree.forEachBlockPostOrder(dev, t[0], (int) t[1], alloc::release);
        }
        for (Runnable r : afterCommit) {
            r.run();
        }
    }

    /** Ends the transaction; without a commit it is rolled back first. Returns the lane. */
    @Override
    public void close() {
        try {
            if (!finished) {
                rollback();
            }
        } finally {
            journal.end(lane);
        }
    }

    /**
     * Rolls back in place, as recovery would: (1) write the old bytes back newest first and
     * persist them; (2) persist done_seq = seq; (3) give back the blocks allocated here, which
     * nothing durable references any more.
     */
    private void rollback() {
        finished = true;
        FlushSet restored = new FlushSet();
        for (int i = records.size() - 1; i >= 0; i--) {
            Journal.Record r = records.get(i);
            dev.write(r.offset(), MemorySegment.ofArray(r.old()), 0, r.old().length);
            restored.add(r.offset(), r.old().length);
        }
        if (!restored.isEmpty()) {
            dev.flush(restored);
            dev.fence();
        }
        // Any record in the lane (even one never persisted) carries this seq: retire it, or the
        // next transaction on the lane, which reuses the seq, could inherit stale records.
        if (logEnd > RECORDS_OFFSET) {
            dev.putLong(lane.offset + DONE_SEQ, seq);
            dev.persist(lane.offset + DONE_SEQ, Long.BYTES);
            lane.doneSeq = seq;
        }
        for (int i = 0; i < allocatedCount; i++) {
            alloc.release(allocated[i]);
        }
        LOG.debug("transaction {} on lane {} rolled back ({} undo records)", seq, lane.index, records.size());
    }

    /** For tests: the undo records logged so far. */
    int recordCount() {
        return records.size();
    }
}
