package org.pmnfs.kv;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the memory held by dirty (UNSTABLE, not yet stored) chunks, and remembers which inodes
 * hold some, oldest first, so a writer that finds the budget spent can write one back.
 */
final class DirtyBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final ConcurrentLinkedQueue<Inode> holders = new ConcurrentLinkedQueue<>();

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

    /** Notes that {@code inode} holds dirty chunks (once per stay in the queue). */
    void noteDirty(Inode inode) {
        if (inode.queuedForWriteBack.compareAndSet(false, true)) {
            holders.add(inode);
        }
    }

    /** The inode that has held dirty data longest, or null; it leaves the queue. */
    Inode oldestHolder() {
        Inode n = holders.poll();
        if (n != null) {
            n.queuedForWriteBack.set(false);
        }
        return n;
    }
}
