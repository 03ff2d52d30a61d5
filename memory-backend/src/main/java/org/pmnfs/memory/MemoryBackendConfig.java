package org.pmnfs.memory;

/**
 * How a {@link MemoryBackend} is sized: the most bytes it may hold (data and metadata, so a client
 * can fill the store but never the JVM heap) and the block size of file data.
 *
 * @param capacityBytes the store's capacity; writes and creates past it fail with NFS3ERR_NOSPC
 * @param blockSize     the unit of file data, a power of two; holes cost nothing, and a file's
 *                      partial blocks grow in powers of two so small files stay small
 */
public record MemoryBackendConfig(long capacityBytes, int blockSize) {

    /** 64 KiB: big enough that a 1 MiB READ touches 16 blocks, small enough that holes stay cheap. */
    public static final int DEFAULT_BLOCK_SIZE = 64 * 1024;
    /** The smallest block size, for boundary tests that cross many block edges. */
    public static final int MIN_BLOCK_SIZE = 64;
    /** The largest block size: past 16 MiB one partial block is a large allocation. */
    public static final int MAX_BLOCK_SIZE = 16 * 1024 * 1024;
    /** The smallest capacity: room for the root and a few files. */
    public static final long MIN_CAPACITY_BYTES = 64 * 1024;
    /** Of the JVM's maximum heap, the share the store may use by default (the rest is for the server). */
    public static final int DEFAULT_HEAP_PERCENT = 50;

    public MemoryBackendConfig {
        if (capacityBytes < MIN_CAPACITY_BYTES) {
            throw new IllegalArgumentException("capacityBytes: " + capacityBytes + " is below the minimum of "
                    + MIN_CAPACITY_BYTES);
        }
        if (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("blockSize: " + blockSize + " must be a power of two from "
                    + MIN_BLOCK_SIZE + " to " + MAX_BLOCK_SIZE);
        }
    }

    /** {@link #DEFAULT_HEAP_PERCENT} of the maximum heap and {@link #DEFAULT_BLOCK_SIZE} blocks. */
    public static MemoryBackendConfig defaults() {
        return new MemoryBackendConfig(defaultCapacity(Runtime.getRuntime().maxMemory()), DEFAULT_BLOCK_SIZE);
    }

    /** The default capacity for a heap of {@code maxHeapBytes}: half of it, never below the minimum. */
    static long defaultCapacity(long maxHeapBytes) {
        // Split to avoid overflow: maxMemory() is Long.MAX_VALUE when the heap has no limit.
        long share = maxHeapBytes / 100 * DEFAULT_HEAP_PERCENT + maxHeapBytes % 100 * DEFAULT_HEAP_PERCENT / 100;
        return Math.max(MIN_CAPACITY_BYTES, share);
    }

    public MemoryBackendConfig withCapacityBytes(long newCapacityBytes) {
        return new MemoryBackendConfig(newCapacityBytes, blockSize);
    }

    public MemoryBackendConfig withBlockSize(int newBlockSize) {
        return new MemoryBackendConfig(capacityBytes, newBlockSize);
    }
}
