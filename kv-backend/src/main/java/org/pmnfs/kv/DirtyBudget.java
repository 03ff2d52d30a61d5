package org.pmnfs.kv;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds the memory held by dirty (UNSTABLE, not yet stored) chunks, and remembers which inodes
 * hold some, oldest first, so a writer that finds the budget spent can write one back.
 */
final class DirtyBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    /** Inodes holding dirty chunks, by when they became dirty; one entry per dirty inode. */
    private final ConcurrentSkipListMap<Long, Long> holders = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    /** Writes refused with JUKEBOX because the budget stayed spent (monitoring). */
    private final LongAdder refusals = new LongAdder();

    DirtyBudget(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("dirty limit: must be positive, got " + limit);
        }
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    long used() {
        return used.get();
    }

    /** Counts a write refused because the budget stayed spent after write-back (JUKEBOX). */
    void refused() {
        refusals.increment();
    }

    /** Writes refused since the store opened. */
    long refusals() {
        return refusals.sum();
    }

    /** Charges {@code bytes} if they fit under the limit; false (charging nothing) otherwise. */
    boolean tryReserve(long bytes) {
        if (bytes <= 0) {
            return true;
        }
        while (true) {
            long u = used.get();
            if (u + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(u, u + bytes)) {
                return true;
            }
        }
    }

    /** Charges {@code bytes} even past the limit (one oversized write that is written back at once). */
    void forceReserve(long bytes) {
        used.addAndGet(bytes);
    }

    void release(long bytes) {
        long after = used.addAndGet(-bytes);
        if (after < 0) {
            throw new IllegalStateException("dirty budget released more than was charged: now " + after);
        }
    }

    /** Notes that {@code inode} now holds dirty chunks. Caller holds its write lock. */
    void noteDirty(Inode inode) {
        if (inode.dirtySequence == 0) {
            inode.dirtySequence = sequence.incrementAndGet();
            holders.put(inode.dirtySequence, inode.ino);
        }
    }

    /** Notes that {@code inode} holds no dirty chunks any more. Caller holds its write lock. */
    void noteClean(Inode inode) {
        if (inode.dirtySequence != 0) {
            holders.remove(inode.dirtySequence);
            inode.dirtySequence = 0;
        }
    }

    /** The number of the inode that has held dirty data longest (it leaves the queue), or -1. */
    long oldestHolder() {
        Map.Entry<Long, Long> e = holders.pollFirstEntry();
        return e == null ? -1 : e.getValue();
    }

    /** Inodes holding dirty data now. */
    int holders() {
        return holders.size();
    }
}
