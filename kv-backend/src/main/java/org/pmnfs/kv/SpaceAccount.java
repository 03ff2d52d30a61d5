package org.pmnfs.kv;

import java.util.concurrent.atomic.AtomicLong;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.NoSpcException;

/**
 * Logical space use of the store, for FSSTAT and an optional capacity: each inode costs
 * {@link #INODE_BYTES} plus the bytes its attributes report as used. With a capacity, growth past
 * it is NFS3ERR_NOSPC before anything changes; without one, only the disk limits the store.
 */
final class SpaceAccount {

    /** What one inode with its directory entry costs in the store, roughly. */
    static final long INODE_BYTES = 512;

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    /** {@code capacity} 0 means unlimited. */
    SpaceAccount(long capacity) {
        this.capacity = capacity;
    }

    /** The logical bytes an inode of this type and size uses, including its overhead. */
    static long usage(FileType type, long size) {
        return INODE_BYTES + InodeRecord.usedBytes(type, size);
    }

    long capacity() {
        return capacity;
    }

    long used() {
        return used.get();
    }

    /** Adds usage found at open. */
    void add(long bytes) {
        used.addAndGet(bytes);
    }

    /** Charges growth, or NOSPC (charging nothing) when a capacity is set and would be passed. */
    void charge(long bytes, String what) throws NoSpcException {
        if (bytes <= 0) {
            used.addAndGet(bytes);
            return;
        }
        while (true) {
            long u = used.get();
            if (capacity > 0 && u + bytes > capacity) {
                throw new NoSpcException("no space for " + what + ": needs " + bytes + " bytes, " + (capacity - u)
                        + " of the store's capacity of " + capacity + " bytes are free");
            }
            if (used.compareAndSet(u, u + bytes)) {
                return;
            }
        }
    }

    /** Gives back what {@link #charge} took (or what a removal frees). */
    void refund(long bytes) {
        used.addAndGet(-bytes);
    }
}
