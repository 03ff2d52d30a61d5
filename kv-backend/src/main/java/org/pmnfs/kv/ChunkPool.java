package org.pmnfs.kv;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recycles full-size chunk arrays of streaming writes: once such chunks are stored and bypass the
 * read cache nothing refers to them, and the next whole-chunk write can overwrite one instead of
 * allocating (and later collecting) a fresh array. Bounded to the bytes given at construction.
 *
 * <p>The bound is the dirty limit, so a stream that fills the dirty cache and commits finds every
 * array it needs here: UNSTABLE data lives until COMMIT, long enough for fresh arrays to be copied
 * by the garbage collector's young collections (in a profile of 64 MiB COMMITs with a 16 MiB pool,
 * allocation and that copying took as many samples as the engine's flush).
 */
final class ChunkPool {

    private final int chunkSize;
    private final int capacity;
    private final ConcurrentLinkedQueue<byte[]> arrays = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    /** A pool of arrays of {@code chunkSize} bytes holding at most {@code maxBytes} (at least one array). */
    ChunkPool(int chunkSize, long maxBytes) {
        this.chunkSize = chunkSize;
        this.capacity = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxBytes / chunkSize));
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
