package org.pmnfs.memory;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The data of one memory file: fixed-size blocks keyed by block number, absent where the file
 * has a hole. A block's array may be shorter than the block size (it grows in powers of two as
 * writes reach further), so a 100-byte file holds 128 bytes, not a whole block. Bytes past a
 * block's array, and every byte at or past the file's size, read as zeros.
 *
 * <p>Not thread-safe: the owning {@link MemoryFile}'s lock guards it. Data moves between the
 * caller's buffers and the block arrays with one copy and no temporary arrays.
 */
final class BlockMap {

    /** The smallest array a block gets: below this, growing costs more than it saves. */
    static final int MIN_ALLOCATION = 64;

    /** Source of zeros for holes; never written. */
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final int blockSize;
    private final int shift;
    private final long mask;
    private final TreeMap<Long, byte[]> blocks = new TreeMap<>();
    private long allocated;

    BlockMap(int blockSize) {
        if (blockSize < MIN_ALLOCATION || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("blockSize: " + blockSize + " is not a power of two >= " + MIN_ALLOCATION);
        }
        this.blockSize = blockSize;
        this.shift = Integer.numberOfTrailingZeros(blockSize);
        this.mask = blockSize - 1;
    }

    /** Bytes of block arrays held: what the file costs, and its "used" attribute. */
    long allocatedBytes() {
        return allocated;
    }

    /** Number of blocks present (holes excluded). */
    int blockCount() {
        return blocks.size();
    }

    /** The array length a block needs to hold {@code end} bytes: the next power of two, capped at the block size. */
    int allocationFor(int end) {
        if (end >= blockSize) {
            return blockSize;
        }
        return Math.max(MIN_ALLOCATION, Integer.highestOneBit(Math.max(1, end - 1)) << 1);
    }

    /**
     * Bytes a write of {@code length} bytes at {@code offset} would add to {@link #allocatedBytes()};
     * {@code offset + length} must not overflow.
     */
    long growthFor(long offset, long length) {
        long growth = 0;
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            int inBlock = (int) (pos & mask);
            int n = (int) Math.min(end - pos, blockSize - inBlock);
            byte[] b = blocks.get(pos >>> shift);
            int have = b == null ? 0 : b.length;
            int want = allocationFor(inBlock + n);
            if (want > have) {
                growth += want - have;
            }
            pos += n;
        }
        return growth;
    }

    /**
     * Copies {@code src}'s remaining bytes to {@code offset}, advancing its position; returns the
     * bytes by which {@link #allocatedBytes()} grew (the caller reserved {@link #growthFor} first).
     */
    long write(long offset, ByteBuffer src) {
        long before = allocated;
        long pos = offset;
        while (src.hasRemaining()) {
            int inBlock = (int) (pos & mask);
            int n = Math.min(src.remaining(), blockSize - inBlock);
            byte[] b = blockFor(pos >>> shift, inBlock + n);
            src.get(b, inBlock, n);
            pos += n;
        }
        return allocated - before;
    }

    /** Copies {@code length} bytes from {@code offset} into {@code dst}, zeros for holes; advances its position. */
    void read(long offset, int length, ByteBuffer dst) {
        long pos = offset;
        int left = length;
        while (left > 0) {
            int inBlock = (int) (pos & mask);
            int n = Math.min(left, blockSize - inBlock);
            byte[] b = blocks.get(pos >>> shift);
            int stored = b == null ? 0 : Math.max(0, Math.min(n, b.length - inBlock));
            if (stored > 0) {
                dst.put(b, inBlock, stored);
            }
            putZeros(dst, n - stored);
            pos += n;
            left -= n;
        }
    }

    /**
     * Drops every block wholly at or past {@code newSize} and zeroes the rest of the block that
     * holds it, so a later extension reads zeros; returns the bytes freed.
     */
    long truncate(long newSize) {
        long firstWhole = (newSize >>> shift) + ((newSize & mask) != 0 ? 1 : 0);
        NavigableMap<Long, byte[]> tail = blocks.tailMap(firstWhole, true);
        long freed = 0;
        for (byte[] b : tail.values()) {
            freed += b.length;
        }
        tail.clear();
        int inBlock = (int) (newSize & mask);
        if (inBlock != 0) {
            byte[] partial = blocks.get(newSize >>> shift);
            if (partial != null && inBlock < partial.length) {
                Arrays.fill(partial, inBlock, partial.length, (byte) 0);
            }
        }
        allocated -= freed;
        return freed;
    }

    /** Drops every block; returns the bytes freed. */
    long clear() {
        long freed = allocated;
        blocks.clear();
        allocated = 0;
        return freed;
    }

    /** The block's array, created or grown to hold at least {@code end} bytes. */
    private byte[] blockFor(long index, int end) {
        byte[] b = blocks.get(index);
        int want = allocationFor(end);
        if (b == null) {
            b = new byte[want];
            blocks.put(index, b);
            allocated += want;
        } else if (b.length < want) {
            allocated += want - b.length;
            b = Arrays.copyOf(b, want);
            blocks.put(index, b);
        }
        return b;
    }

    private static void putZeros(ByteBuffer dst, int count) {
        int left = count;
        while (left > 0) {
            int n = Math.min(left, ZEROS.length);
            dst.put(ZEROS, 0, n);
            left -= n;
        }
    }
}
