package org.pmnfs.pmem;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.vfs.NoSpcException;

/**
 * The DRAM block allocator: one bit per pool block in an {@link AtomicLongArray} (1 = in use),
 * claimed with compare-and-set. Each thread starts its search at its own place in the bitmap,
 * so threads do not serialise on one lock or one word. Space is reserved (a counter) before a
 * transaction touches the pool, so ENOSPC is reported before anything changes.
 *
 * <p>PMFS2 keeps no allocator state on media; neither does this class while mounted. It is
 * rebuilt by a scan after a crash, or loaded from the snapshot written at clean close
 * ({@link AllocatorSnapshot}). Freed blocks come back only through {@link #release} after the
 * transaction that unlinked them is durable (see {@link Tx#commit()}).
 */
final class BlockAllocator {

    private final long totalBlocks;
    private final long dataBn;
    /** Guarded by CAS per word. */
    private final AtomicLongArray words;
    /** Free blocks not promised to any reservation. */
    private final AtomicLong unreserved = new AtomicLong();
    /** Free blocks (bits clear in the data area). */
    private final AtomicLong free = new AtomicLong();
    /** Where each thread starts looking: a word index, kept per thread to spread threads apart. */
    private final ThreadLocal<int[]> cursor;

    BlockAllocator(Geometry g) {
        this.totalBlocks = g.totalBlocks();
        this.dataBn = g.dataBn();
        int n = (int) ((totalBlocks + 63) >>> 6);
        this.words = new AtomicLongArray(n);
        int spread = Math.max(1, n / 16);
        this.cursor = ThreadLocal.withInitial(() -> new int[] {(int) ((Thread.currentThread().threadId() * spread) % n)});
        clearAll();
    }

    /** Marks everything used except the data area, which becomes free (mkfs; rebuild starts here). */
    void clearAll() {
        for (int i = 0; i < words.length(); i++) {
            words.set(i, 0);
        }
        for (long bn = 0; bn < dataBn; bn++) {
            setBit(bn);
        }
        for (long bn = totalBlocks; bn < (long) words.length() << 6; bn++) {
            setBit(bn);
        }
        free.set(totalBlocks - dataBn);
        unreserved.set(totalBlocks - dataBn);
    }

    private void setBit(long bn) {
        int w = (int) (bn >>> 6);
        words.set(w, words.get(w) | (1L << (bn & 63)));
    }

    /** Marks {@code bn} used during a rebuild; false if it already was (a block referenced twice). */
    boolean markUsed(long bn) {
        int w = (int) (bn >>> 6);
        long bit = 1L << (bn & 63);
        while (true) {
            long old = words.get(w);
            if ((old & bit) != 0) {
                return false;
            }
            if (words.compareAndSet(w, old, old | bit)) {
                free.decrementAndGet();
                unreserved.decrementAndGet();
                return true;
            }
        }
    }

    boolean isUsed(long bn) {
        return (words.get((int) (bn >>> 6)) & (1L << (bn & 63))) != 0;
    }

    /** Blocks free now. */
    long freeBlocks() {
        return free.get();
    }

    /** Blocks that can hold data at all. */
    long dataBlocks() {
        return totalBlocks - dataBn;
    }

    /** Promises {@code n} blocks to the caller, or throws ENOSPC having promised nothing. */
    Reservation reserve(long n) throws NoSpcException {
        if (n == 0) {
            return new Reservation(0);
        }
        long left = unreserved.addAndGet(-n);
        if (left < 0) {
            unreserved.addAndGet(n);
            throw new NoSpcException("pool is full: need up to " + n + " blocks, " + (left + n) + " of "
                    + dataBlocks() + " are free");
        }
        return new Reservation(n);
    }

    /** Claims a free block against {@code r}. */
    long allocate(Reservation r) {
        if (r.remaining <= 0) {
            throw new IllegalStateException("reservation exhausted: it promised " + r.promised + " blocks");
        }
        int[] cur = cursor.get();
        int n = words.length();
        int start = cur[0];
        for (int k = 0; k < n; k++) {
            int w = start + k < n ? start + k : start + k - n;
            long old = words.get(w);
            while (old != -1L) {
                long bit = Long.lowestOneBit(~old);
                if (words.compareAndSet(w, old, old | bit)) {
                    cur[0] = w;
                    r.remaining--;
                    free.decrementAndGet();
                    return ((long) w << 6) + Long.numberOfTrailingZeros(bit);
                }
                old = words.get(w);
            }
        }
        throw new IllegalStateException("no free block although " + r.remaining + " were reserved");
    }

    /** Returns {@code bn} to the free pool; only once the pointers naming it are durably gone. */
    void release(long bn) {
        if (bn < dataBn || bn >= totalBlocks) {
            throw new IllegalArgumentException("block " + bn + " is outside the data area [" + dataBn + ", " + totalBlocks + ")");
        }
        int w = (int) (bn >>> 6);
        long bit = 1L << (bn & 63);
        while (true) {
            long old = words.get(w);
            if ((old & bit) == 0) {
                throw new IllegalStateException("block " + bn + " freed twice");
            }
            if (words.compareAndSet(w, old, old & ~bit)) {
                free.incrementAndGet();
                unreserved.incrementAndGet();
                return;
            }
        }
    }

    /** The bitmap words (for the clean-close snapshot). */
    long word(int i) {
        return words.get(i);
    }

    int wordCount() {
        return words.length();
    }

    /** Loads the bitmap from a snapshot and recounts free blocks; false if it contradicts the geometry. */
    boolean load(long[] snapshot) {
        if (snapshot.length != words.length()) {
            return false;
        }
        for (int i = 0; i < snapshot.length; i++) {
            words.set(i, snapshot[i]);
        }
        boolean sane = true;
        for (long bn = 0; bn < dataBn && sane; bn++) {
            sane = isUsed(bn);
        }
        for (long bn = totalBlocks; bn < (long) words.length() << 6 && sane; bn++) {
            sane = isUsed(bn);
        }
        if (!sane) {
            clearAll();
            return false;
        }
        long used = 0;
        for (long w : snapshot) {
            used += Long.bitCount(w);
        }
        long freeCount = ((long) words.length() << 6) - used;
        free.set(freeCount);
        unreserved.set(freeCount);
        return true;
    }

    /** Blocks promised to one operation; close returns what it did not use. */
    final class Reservation implements AutoCloseable {
        private final long promised;
        private long remaining;

        private Reservation(long n) {
            this.promised = n;
            this.remaining = n;
        }

        long remaining() {
            return remaining;
        }

        @Override
        public void close() {
            if (remaining > 0) {
                unreserved.addAndGet(remaining);
                remaining = 0;
            }
        }
    }
}
