package org.pmnfs.pmem;

import java.util.Arrays;

/**
 * A growing list of pool ranges to flush, widened to whole cache lines and merged when they
 * touch the previous range (stores to one block usually arrive in order). Not thread-safe: each
 * transaction or write owns one.
 */
final class FlushSet {

    private static final long LINE_MASK = org.pmnfs.pmem.layout.OnMedia.CACHE_LINE - 1;

    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int count;

    /** Adds {@code [off, off + len)}, widened to cache lines. */
    void add(long off, long len) {
        if (len <= 0) {
            return;
        }
        long s = off & ~LINE_MASK;
        long e = (off + len + LINE_MASK) & ~LINE_MASK;
        for (int i = count - 1; i >= 0 && i >= count - 4; i--) {
            if (s <= ends[i] && e >= starts[i]) {
                starts[i] = Math.min(starts[i], s);
                ends[i] = Math.max(ends[i], e);
                return;
            }
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = s;
        ends[count] = e;
        count++;
    }

    int count() {
        return count;
    }

    long start(int i) {
        return starts[i];
    }

    long end(int i) {
        return ends[i];
    }

    boolean isEmpty() {
        return count == 0;
    }

    void clear() {
        count = 0;
    }
}
