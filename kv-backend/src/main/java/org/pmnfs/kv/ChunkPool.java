package org.pmnfs.kv;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recycles full-size chunk arrays of streaming writes: once such chunks are stored and bypass the
 * read cache nothing refers to them, and the next whole-chunk write can overwrite one instead of
 * allocating (and later collecting) a fresh array. Bounded to {@link #MAX_BYTES}.
 */
final class ChunkPool {

    /** At most this many bytes of arrays wait in the pool. */
    static final int MAX_BYTES = 16 << 20;

    private final int chunkSize;
    private final int capacity;
    private final ConcurrentLinkedQueue<byte[]> arrays = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    ChunkPool(int chunkSize) {
        this.chunkSize = chunkSize;
        this.capacity = Math.max(1, MAX_BYTES / chunkSize);
    }

    /**
     * An array of the chunk size whose contents are arbitrary, or null when the pool is empty:
     * only for a write that will overwrite the whole chunk.
     */
    byte[] take() {
        byte[] a = arrays.poll();
        if (a != null) {
            size.decrementAndGet();
        }
        return a;
    }

    /** Offers an array nothing else refers to any more. */
    void give(byte[] array) {
        if (array.length == chunkSize && size.incrementAndGet() <= capacity) {
            arrays.add(array);
        } else if (array.length == chunkSize) {
            size.decrementAndGet();
        }
    }

    int size() {
        return size.get();
    }
}
