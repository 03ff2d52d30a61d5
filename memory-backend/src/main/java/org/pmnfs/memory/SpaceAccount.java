package org.pmnfs.memory;

import java.util.concurrent.atomic.AtomicLong;
import org.pmnfs.vfs.NoSpcException;

/**
 * Counts the bytes a memory store holds against its capacity, so a full store answers
 * NFS3ERR_NOSPC instead of running the JVM out of heap. Lock-free: reservations race on one
 * counter, never on a lock.
 */
final class SpaceAccount {

    /**
     * What one object costs besides its data: the inode object, its lock, its attribute record
     * and handle, rounded up from a 64-bit JVM with compressed oops (about 200 bytes measured).
     */
    static final long INODE_BYTES = 256;

    /**
     * What one directory entry costs besides its name bytes: the entry record, the FileName and
     * its array, and a node in each of the directory's two maps.
     */
    static final long ENTRY_BYTES = 128;

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    SpaceAccount(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The cost of a directory entry named with {@code nameLength} bytes. */
    static long entryCost(int nameLength) {
        return ENTRY_BYTES + nameLength;
    }

    /** Takes {@code bytes} from the free space, or fails with NOSPC (taking nothing). */
    void reserve(long bytes, String what) throws NoSpcException {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: negative reservation " + bytes + " for " + what);
        }
        while (true) {
            long u = used.get();
            if (bytes > capacity - u) {
                throw new NoSpcException("memory store full: " + what + " needs " + bytes + " bytes, "
                        + (capacity - u) + " of " + capacity + " bytes free (raise the memory backend's capacity)");
            }
            if (used.compareAndSet(u, u + bytes)) {
                return;
            }
        }
    }

    /** Returns {@code bytes} to the free space. */
    void release(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: negative release " + bytes);
        }
        long after = used.addAndGet(-bytes);
        if (after < 0) {
            throw new IllegalStateException("space account: released more than reserved, used would be " + after);
        }
    }

    long capacity() {
        return capacity;
    }

    long used() {
        return used.get();
    }

    long free() {
        return Math.max(0, capacity - used.get());
    }
}
