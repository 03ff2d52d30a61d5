package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.JournalLayout.*;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32C;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.pmem.layout.SuperBlockLayout;
import org.pmnfs.pmem.layout.InodeLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The undo journal: a fixed set of lanes, one per concurrent transaction, so transactions never
 * share a log or a lock beyond taking an idle lane. {@link #recover} rolls back, at mount, every
 * transaction that had not finished when power failed. The protocol is in
 * docs/crash-consistency.md, "The undo journal".
 */
final class Journal {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** One lane: its pool offset and the seq of its last finished transaction (guarded by owning the lane). */
    static final class Lane {
        final int index;
        final long offset;
        long doneSeq;
        /** The lane's reusable transaction, made on first use. */
        Tx tx;

        Lane(int index, long offset, long doneSeq) {
            this.index = index;
            this.offset = offset;
            this.doneSeq = doneSeq;
        }
    }

    /** A decoded undo record. */
    record Record(long offset, byte[] old) {}

    private final PmemDevice dev;
    private final Geometry geometry;
    /** Idle lanes; taken without a lock. Threads that find none wait on {@link #waitLock}. */
    private final ConcurrentLinkedQueue<Lane> idle = new ConcurrentLinkedQueue<>();
    private final Object waitLock = new Object();
    private final AtomicInteger waiting = new AtomicInteger();
    /** Transactions committed since mount (monitoring). */
    private final LongAdder commits = new LongAdder();
    /** Catches a transaction begun inside another on the same thread (it could wait forever for a lane); with CHECKS only. */
    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    Journal(PmemDevice dev, Geometry geometry) {
        this.dev = dev;
        this.geometry = geometry;
        for (int i = 0; i < geometry.lanes(); i++) {
            long off = geometry.laneOffset(i);
            idle.add(new Lane(i, off, dev.getLong(off + DONE_SEQ)));
        }
    }

    PmemDevice device() {
        return dev;
    }

    Geometry geometry() {
        return geometry;
    }

    /** Starts a transaction on an idle lane, waiting for one if all are busy. */
    Tx begin(BlockAllocator alloc) throws IOException {
        if (Tx.CHECKS && current.get() != null) {
            throw new IllegalStateException("nested transaction on " + Thread.currentThread().getName());
        }
        Lane lane = idle.poll();
        if (lane == null) {
            lane = awaitLane();
        }
        if (lane.tx == null) {
            lane.tx = new Tx(this, lane, dev);
        }
        Tx tx = lane.tx.open(alloc);
        if (Tx.CHECKS) {
            current.set(tx);
        }
        return tx;
    }

    private Lane awaitLane() throws InterruptedIOException {
        waiting.incrementAndGet();
        try {
            synchronized (waitLock) {
                while (true) {
                    Lane lane = idle.poll();
                    if (lane != null) {
                        return lane;
                    }
                    waitLock.wait();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a journal lane");
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Called by {@link Tx#commit()} once the transaction is durable. */
    void committed() {
        commits.increment();
    }

    /** Transactions committed since mount. */
    long commits() {
        return commits.sum();
    }

    /** Called by {@link Tx#close()}. */
    void end(Lane lane) {
        if (Tx.CHECKS) {
            current.remove();
        }
        idle.add(lane);
        if (waiting.get() > 0) {
            synchronized (waitLock) {
                waitLock.notifyAll();
            }
        }
    }

    /** The CRC32C a record carries: over seq, offset, len and the old bytes. */
    static int crc(byte[] rec, int dataLen) {
        CRC32C c = new CRC32C();
        c.update(rec, 0, (int) REC_CRC);
        c.update(rec, REC_HEADER, dataLen);
        return (int) c.getValue();
    }

    /**
     * Rolls back every unfinished transaction (mount, fsck --repair). For each lane: read the
     * records of transaction done_seq + 1 up to the first that fails its checks, write their old
     * bytes back newest first, persist, then persist done_seq + 1. A crash in here repeats the
     * same idempotent undo at the next mount. Returns the number of transactions rolled back.
     */
    static int recover(PmemDevice dev, Geometry g) throws PoolException {
        int rolledBack = 0;
        for (int i = 0; i < g.lanes(); i++) {
            long lane = g.laneOffset(i);
            long done = dev.getLong(lane + DONE_SEQ);
            List<Record> recs = openRecords(dev, g, lane, done + 1);
            if (recs.isEmpty()) {
                continue;
            }
            FlushSet fs = new FlushSet();
            for (int k = recs.size() - 1; k >= 0; k--) {
                Record r = recs.get(k);
                // 1. Write the old bytes back (newest record first, so the oldest value wins).
                dev.write(r.offset(), MemorySegment.ofArray(r.old()), 0, r.old().length);
                fs.add(r.offset(), r.old().length);
            }
            // 2. Persist the restored ranges. Crash here: the records are still live; the next mount undoes again.
            dev.flush(fs);
            dev.fence();
            // 3. Persist done_seq + 1: the transaction is finished (rolled back). Crash here: nothing to redo.
            dev.putLong(lane + DONE_SEQ, done + 1);
            dev.persist(lane + DONE_SEQ, Long.BYTES);
            LOG.warn("journal lane {}: rolled back unfinished transaction {} ({} undo records)", i, done + 1, recs.size());
            rolledBack++;
        }
        return rolledBack;
    }

    /** The valid records of transaction {@code seq} in the lane at {@code lane}, in log order; nothing is written. */
    static List<Record> openRecords(PmemDevice dev, Geometry g, long lane, long seq) throws PoolException {
        List<Record> out = new ArrayList<>();
        int pos = RECORDS_OFFSET;
        int laneBytes = g.laneBytes();
        while (pos + REC_HEADER <= laneBytes) {
            long at = lane + pos;
            if (dev.getLong(at + REC_SEQ) != seq) {
                break;
            }
            long off = dev.getLong(at + REC_OFFSET);
            int len = dev.getInt(at + REC_LEN);
            if (len <= 0 || pos + recordSize(len) > laneBytes) {
                break;
            }
            byte[] rec = new byte[REC_HEADER + len];
            dev.read(at, MemorySegment.ofArray(rec), 0, rec.length);
            if (crc(rec, len) != dev.getInt(at + REC_CRC)) {
                break; // torn: its range was never modified (stores wait for the record to be durable)
            }
            if (!mayLog(g, off, len)) {
                throw new PoolException(PoolException.Reason.CORRUPT, "journal lane at byte " + lane + ": record at +" + pos
                        + " names bytes [" + off + ", " + (off + len) + ") outside the itable inode and the data area");
            }
            byte[] old = new byte[len];
            System.arraycopy(rec, REC_HEADER, old, 0, len);
            out.add(new Record(off, old));
            pos += recordSize(len);
        }
        return out;
    }

    /** Undo records may only name the itable inode in block 0 or the data area. */
    static boolean mayLog(Geometry g, long off, long len) {
        long itable = SuperBlockLayout.ITABLE_INODE;
        if (off >= itable && off + len <= itable + InodeLayout.SIZE) {
            return true;
        }
        long dataStart = OnMedia.blockOffset(g.dataBn());
        long end = OnMedia.blockOffset(g.totalBlocks());
        return off >= dataStart && off + len <= end;
    }
}
