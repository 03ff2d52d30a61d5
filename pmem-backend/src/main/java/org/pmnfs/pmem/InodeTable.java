package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.InodeLayout.PER_BLOCK;
import static org.pmnfs.pmem.layout.InodeLayout.PER_BLOCK_SHIFT;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.pmnfs.pmem.layout.InodeLayout;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.pmem.layout.RadixLayout;
import org.pmnfs.pmem.layout.SuperBlockLayout;
import org.pmnfs.vfs.NoSpcException;

/**
 * The inode table: a radix-mapped file whose inode sits in block 0 at byte 1728; inode
 * {@code ino} is slot {@code ino % 32} of table block {@code ino / 32}. Keeps a DRAM copy of the
 * table's block numbers (so finding an inode is one array load) and a FIFO of free slots (so a
 * freed number is reused as late as possible). Growth is one block at a time, in its own
 * transaction, with every new slot's {@code i_ino} stamped before the table's size publishes it.
 */
final class InodeTable {

    /** Pool offset of the itable inode. */
    static final long ITABLE = SuperBlockLayout.ITABLE_INODE;

    private final PmemDevice dev;
    private final BlockAllocator alloc;
    private final Journal journal;
    /** Table block index to bn; replaced whole under growLock, read without a lock. */
    private volatile long[] blocks;
    private final ConcurrentLinkedQueue<Long> free = new ConcurrentLinkedQueue<>();
    private final AtomicLong live = new AtomicLong();
    private final ReentrantLock growLock = new ReentrantLock();

    InodeTable(PmemDevice dev, BlockAllocator alloc, Journal journal) {
        this.dev = dev;
        this.alloc = alloc;
        this.journal = journal;
        this.blocks = new long[0];
    }

    /** Reads the table's block numbers and sorts every slot into live or free (mount). */
    void load() throws PoolException {
        long size = dev.getLong(ITABLE + InodeLayout.SIZE_FIELD);
        long n = size / OnMedia.BLOCK_SIZE;
        if (size % OnMedia.BLOCK_SIZE != 0 || n < 1 || n > RadixLayout.capacity(RadixLayout.MAX_HEIGHT)) {
            throw new PoolException(PoolException.Reason.CORRUPT, "inode table size " + size
                    + " is not a positive multiple of 4096 within the radix capacity");
        }
        long[] b = new long[(int) n];
        for (int i = 0; i < n; i++) {
            b[i] = RadixTree.lookup(dev, ITABLE, i);
            if (!journal.geometry().isDataBlock(b[i])) {
                throw new PoolException(PoolException.Reason.CORRUPT, "inode table block " + i + " maps to block "
                        + b[i] + ", outside the data area");
            }
        }
        blocks = b;
        free.clear();
        long liveCount = 0;
        for (long ino = 1; ino < n * PER_BLOCK; ino++) {
            long ip = offset(ino);
            if (dev.getInt(ip + InodeLayout.NLINK) != 0) {
                liveCount++;
            } else {
                free.add(ino);
            }
        }
        live.set(liveCount);
    }

    /** Slots the table has (including the never-used ino 0). */
    long capacity() {
        return (long) blocks.length * PER_BLOCK;
    }

    /** True when {@code ino} names a slot of the table (1 <= ino < capacity). */
    boolean inRange(long ino) {
        return ino >= 1 && ino < capacity();
    }

    /** Pool offset of inode {@code ino}; the caller has checked {@link #inRange}. */
    long offset(long ino) {
        return OnMedia.blockOffset(blocks[(int) (ino >>> PER_BLOCK_SHIFT)]) + ((ino & (PER_BLOCK - 1)) << InodeLayout.SHIFT);
    }

    long liveCount() {
        return live.get();
    }

    long freeSlots() {
        return free.size();
    }

    /**
     * Takes a free inode number, growing the table when none is left. The caller must not hold a
     * transaction (growth runs its own). Give the number back with {@link #unallocate} if the
     * creating transaction does not commit, or count it with {@link #committedCreate}.
     */
    long allocate() throws IOException {
        while (true) {
            Long ino = free.poll();
            if (ino != null) {
                return ino;
            }
            grow();
        }
    }

    void unallocate(long ino) {
        free.add(ino);
    }

    /** A create using {@code ino} committed. */
    void committedCreate() {
        live.incrementAndGet();
    }

    /** A transaction that freed {@code ino} committed: the slot may be reused. */
    void released(long ino) {
        live.decrementAndGet();
        free.add(ino);
    }

    /**
     * Appends one table block of 32 slots, in one transaction:
     * (1) log the itable inode's first line (and any radix slots the mapping changes);
     * (2) allocate the block and fill it: zeros, then each slot's i_ino (fresh: no undo);
     * (3) map it and raise the itable i_size by 4096, i_blocks by 1 (logged);
     * (4) commit: the block's stamps are flushed with it before done_seq, so a table never
     *     publishes an unstamped slot (PMFS2 did not flush these stamps).
     * Only after the commit do the new numbers join the free list.
     */
    private void grow() throws IOException {
        growLock.lock();
        try {
            if (!free.isEmpty()) {
                return;
            }
            long[] cur = blocks;
            long idx = cur.length;
            if (idx >= RadixLayout.capacity(RadixLayout.MAX_HEIGHT)) {
                throw new NoSpcException("inode table is at its maximum of " + idx + " blocks");
            }
            long need = RadixTree.blocksNeeded(dev, ITABLE, idx, idx);
            long[] bn = {0};
            try (BlockAllocator.Reservation r = alloc.reserve(need); Tx tx = journal.begin(alloc)) {
                RadixTree.mapRange(tx, ITABLE, idx, idx, r, (i, b, fresh) -> {
                    bn[0] = b;
                    long base = OnMedia.blockOffset(b);
                    tx.fill(base, OnMedia.BLOCK_SIZE, (byte) 0);
                    for (int s = 0; s < PER_BLOCK; s++) {
                        tx.putLong(base + ((long) s << InodeLayout.SHIFT) + InodeLayout.INO, idx * PER_BLOCK + s);
                    }
                });
                tx.putLong(ITABLE + InodeLayout.SIZE_FIELD, (idx + 1) * OnMedia.BLOCK_SIZE);
                tx.commit();
            }
            long[] next = Arrays.copyOf(cur, cur.length + 1);
            next[(int) idx] = bn[0];
            blocks = next;
            for (int s = 0; s < PER_BLOCK; s++) {
                free.add(idx * PER_BLOCK + s);
            }
        } finally {
            growLock.unlock();
        }
    }
}
