package org.pmnfs.kv;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One chunk's bytes in memory: {@code length} valid bytes (the stored value), anything past them
 * reading as zeros. The array grows in powers of two from 4 KiB up to the chunk size, so small files
 * cost little; bytes between {@code length} and the array's end are always zero.
 *
 * <p>Not thread-safe: a dirty buffer is guarded by its inode's lock; a clean one is only read.
 */
final class ChunkBuffer {

    /** Smallest array: one page. */
    static final int MIN_CAPACITY = 4096;

    private final int chunkSize;
    private byte[] bytes;
    private int length;

    private ChunkBuffer(int chunkSize, byte[] bytes, int length) {
        this.chunkSize = chunkSize;
        this.bytes = bytes;
        this.length = length;
    }

    /** An empty chunk (a hole, or past the end of the file). */
    static ChunkBuffer empty(int chunkSize) {
        return new ChunkBuffer(chunkSize, new byte[0], 0);
    }

    /**
     * An empty chunk backed by a recycled full-size array whose contents are arbitrary: the
     * caller must write the whole chunk at once, which restores the zero-past-length rule.
     */
    static ChunkBuffer forWholeChunkWrite(byte[] recycled) {
        return new ChunkBuffer(recycled.length, recycled, 0);
    }

    /** The backing array, for recycling once nothing else refers to it. */
    byte[] array() {
        return bytes;
    }

    /** A chunk holding a stored value (the array is adopted, not copied). */
    static ChunkBuffer of(int chunkSize, byte[] stored) {
        if (stored.length > chunkSize) {
            throw new IllegalArgumentException("stored chunk of " + stored.length + " bytes exceeds the chunk size "
                    + chunkSize);
        }
        return new ChunkBuffer(chunkSize, stored, stored.length);
    }

    /** An independent copy (a stable write changes the copy, so a failed store write changes nothing). */
    ChunkBuffer copy() {
        return new ChunkBuffer(chunkSize, bytes.clone(), length);
    }

    /** The array size needed to hold {@code length} bytes. */
    static int capacityFor(int length, int chunkSize) {
        if (length == 0) {
            return 0;
        }
        int c = Math.max(MIN_CAPACITY, Integer.highestOneBit(length - 1) << 1);
        return Math.min(c, chunkSize);
    }

    int length() {
        return length;
    }

    int capacity() {
        return bytes.length;
    }

    /** Array bytes this chunk would hold once {@code [at, at + n)} is written. */
    int capacityAfterWrite(int at, int n) {
        int newLength = Math.max(length, at + n);
        return Math.max(bytes.length, capacityFor(newLength, chunkSize));
    }

    /** Copies {@code n} bytes from {@code src} (advancing it) to {@code at}; the gap past the old length stays zero. */
    void write(int at, ByteBuffer src, int n) {
        if (at < 0 || n < 0 || at + n > chunkSize) {
            throw new IndexOutOfBoundsException("chunk write of " + n + " bytes at " + at + " past chunk size " + chunkSize);
        }
        int newLength = Math.max(length, at + n);
        if (newLength > bytes.length) {
            bytes = Arrays.copyOf(bytes, capacityFor(newLength, chunkSize));
        }
        src.get(bytes, at, n);
        length = newLength;
    }

    /** Copies {@code n} bytes from {@code at} into {@code dst} (advancing it); bytes past the length are zeros. */
    void read(int at, ByteBuffer dst, int n) {
        int avail = Math.max(0, Math.min(n, length - at));
        if (avail > 0) {
            dst.put(bytes, at, avail);
        }
        zeros(dst, n - avail);
    }

    /** Cuts the chunk to {@code newLength} bytes, zeroing what was past it. */
    void truncate(int newLength) {
        if (newLength < length) {
            Arrays.fill(bytes, newLength, length, (byte) 0);
            length = newLength;
        }
    }

    /** The value to store: exactly {@code length} bytes (the array itself when it is that long). */
    byte[] value() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    private static final byte[] ZEROS = new byte[MIN_CAPACITY];

    /** Writes {@code n} zero bytes into {@code dst}. */
    static void zeros(ByteBuffer dst, int n) {
        while (n > 0) {
            int k = Math.min(n, ZEROS.length);
            dst.put(ZEROS, 0, k);
            n -= k;
        }
    }
}
