package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.JournalLayout.*;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
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
 * <p>Each lane owns one Tx and reuses it (and its buffers) for every transaction it runs, so a
 * transaction allocates nothing on the heap beyond what callers pass in. Not thread-safe: one
 * thread owns a transaction from {@link Journal#begin} to {@link #close}.
 */
final class Tx implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tx.class);

    /** Verify that every store lands in a logged or fresh range (on when assertions are, as in tests). */
    static final boolean CHECKS = Tx.class.desiredAssertionStatus();

    private final Journal journal;
    private final Journal.Lane lane;
    private final PmemDevice dev;
    private BlockAllocator alloc;
    private long seq;

    /** Undo record i: pool range [recOff[i], recOff[i] + recLen[i]), old bytes at undoBuf[recPos[i]..]. */
    private long[] recOff = new long[16];
    private int[] recPos = new int[16];
    private int[] recLen = new int[16];
    private int recCount;
    /** Records from this index on are not in the lane yet. */
    private int written;
    private byte[] undoBuf = new byte[8192];
    private MemorySegment undoSeg = MemorySegment.ofArray(undoBuf);
    private int undoUsed;
    /** Lane-relative end of the records written so far. */
    private int logEnd;
    private byte[] enc = new byte[8192];
    private MemorySegment encSeg = MemorySegment.ofArray(enc);
    private final CRC32C crc = new CRC32C();

    /** Ranges of blocks allocated here: [start, end) pairs. */
    private long[] fresh = new long[16];
    private int freshCount;
    private long[] allocated = new long[8];
    private int allocatedCount;

    private final FlushSet dirty = new FlushSet();
    private final FlushSet restored = new FlushSet();
    private long[] freed = new long[8];
    private int freedCount;
    /** Radix subtrees to release after commit: (root, level) pairs. */
    private long[] freedTrees = new long[8];
    private int freedTreeCount;
    private final List<Runnable> afterCommit = new ArrayList<>(2);
    private boolean finished = true;

    Tx(Journal journal, Journal.Lane lane, PmemDevice dev) {
        this.journal = journal;
        this.lane = lane;
        this.dev = dev;
    }

    /** Starts the lane's next transaction (seq = done_seq + 1) with empty state. */
    Tx open(BlockAllocator allocator) {
        this.alloc = allocator;
        this.seq = lane.doneSeq + 1;
        recCount = 0;
        written = 0;
        undoUsed = 0;
        logEnd = RECORDS_OFFSET;
        freshCount = 0;
        allocatedCount = 0;
        freedCount = 0;
        freedTreeCount = 0;
        dirty.clear();
        afterCommit.clear();
        finished = false;
        return this;
    }

    PmemDevice device() {
        return dev;
    }

    /** Records the current bytes of {@code [off, off + len)} so a crash or an abort restores them. */
    void undo(long off, int len) {
        if (len <= 0 || covered(off, len)) {
            return;
        }
        if (undoUsed + len > undoBuf.length) {
            undoBuf = Arrays.copyOf(undoBuf, Math.max(undoBuf.length * 2, undoUsed + len));
            undoSeg = MemorySegment.ofArray(undoBuf);
        }
        dev.read(off, undoSeg, undoUsed, len);
        int last = recCount - 1;
        if (last >= written && recOff[last] + recLen[last] == off && recPos[last] + recLen[last] == undoUsed
                && recLen[last] + len <= OnMedia.BLOCK_SIZE) {
            recLen[last] += len;
        } else {
            if (recCount == recOff.length) {
                recOff = Arrays.copyOf(recOff, recCount * 2);
                recPos = Arrays.copyOf(recPos, recCount * 2);
                recLen = Arrays.copyOf(recLen, recCount * 2);
            }
            recOff[recCount] = off;
            recPos[recCount] = undoUsed;
            recLen[recCount] = len;
            recCount++;
        }
        undoUsed += len;
    }

    private boolean covered(long off, long len) {
        long end = off + len;
        for (int i = 0; i < freshCount; i++) {
            if (off >= fresh[2 * i] && end <= fresh[2 * i + 1]) {
                return true;
            }
        }
        for (int i = 0; i < recCount; i++) {
            if (off >= recOff[i] && end <= recOff[i] + recLen[i]) {
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
        if (2 * freedTreeCount == freedTrees.length) {
            freedTrees = Arrays.copyOf(freedTrees, freedTrees.length * 2);
        }
        freedTrees[2 * freedTreeCount] = root;
        freedTrees[2 * freedTreeCount + 1] = level;
        freedTreeCount++;
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

    private void beforeStore(long off, long len) {
        flushLog();
        if (CHECKS && !covered(off, len)) {
            throw new IllegalStateException("store to [" + off + ", " + (off + len) + ") is neither logged nor in a fresh block");
        }
        dirty.add(off, len);
    }

    /**
     * Makes the pending undo records durable before the first store they protect:
     * (1) encode them, each {seq, offset, len, crc32c, old bytes}, and copy them into the lane
     * after the records already there; (2) flush them and fence. A crash before (2) completes
     * leaves the records torn or absent, and no protected range has been touched yet; after it,
     * recovery can undo every store that follows.
     */
    private void flushLog() {
        if (written == recCount) {
            return;
        }
        int total = 0;
        for (int i = written; i < recCount; i++) {
            total += recordSize(recLen[i]);
        }
        if (logEnd + total > journal.geometry().laneBytes()) {
            throw new IllegalStateException("transaction too large for a journal lane: " + (logEnd + total)
                    + " bytes of undo, lane holds " + journal.geometry().laneBytes());
        }
        if (total > enc.length) {
            enc = new byte[Math.max(enc.length * 2, total)];
            encSeg = MemorySegment.ofArray(enc);
        }
        int p = 0;
        for (; written < recCount; written++) {
            int len = recLen[written];
            encSeg.set(OnMedia.U64, p + REC_SEQ, seq);
            encSeg.set(OnMedia.U64, p + REC_OFFSET, recOff[written]);
            encSeg.set(OnMedia.U32, p + REC_LEN, len);
            System.arraycopy(undoBuf, recPos[written], enc, p + REC_HEADER, len);
            crc.reset();
            crc.update(enc, p, (int) REC_CRC);
            crc.update(enc, p + REC_HEADER, len);
            encSeg.set(OnMedia.U32, p + REC_CRC, (int) crc.getValue());
            int size = recordSize(len);
            Arrays.fill(enc, p + REC_HEADER + len, p + size, (byte) 0);
            p += size;
        }
        // (1) one copy into the lane; a record is only valid with seq = done_seq + 1 and its CRC.
        dev.write(lane.offset + logEnd, encSeg, 0, total);
        int start = logEnd;
        logEnd += total;
        // (2) persist: from here on the protected ranges may change.
        dev.persist(lane.offset + start, total);
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
        retireSeq();
        finished = true;
        journal.committed();
        for (int i = 0; i < freedCount; i++) {
            alloc.release(freed[i]);
        }
        for (int i = 0; i < freedTreeCount; i++) {
            RadixTree.forEachBlockPostOrder(dev, freedTrees[2 * i], (int) freedTrees[2 * i + 1], alloc::release);
        }
        for (Runnable r : afterCommit) {
            r.run();
        }
    }

    /** Persists done_seq = seq when the lane holds records of this transaction, so recovery skips them. */
    private void retireSeq() {
        if (logEnd > RECORDS_OFFSET) {
            dev.putLong(lane.offset + DONE_SEQ, seq);
            dev.persist(lane.offset + DONE_SEQ, Long.BYTES);
            lane.doneSeq = seq;
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
        restored.clear();
        for (int i = recCount - 1; i >= 0; i--) {
            dev.write(recOff[i], undoSeg, recPos[i], recLen[i]);
            restored.add(recOff[i], recLen[i]);
        }
        if (!restored.isEmpty()) {
            dev.flush(restored);
            dev.fence();
        }
        // Any record in the lane (even one never persisted) carries this seq: retire it, or the
        // next transaction on the lane, which reuses the seq, could inherit stale records.
        retireSeq();
        for (int i = 0; i < allocatedCount; i++) {
            alloc.release(allocated[i]);
        }
        LOG.debug("transaction {} on lane {} rolled back ({} undo records)", seq, lane.index, recCount);
    }

    /** For tests: the undo records logged so far. */
    int recordCount() {
        return recCount;
    }
}
