package org.pmnfs.kv;

/**
 * Maps file offsets onto fixed-size chunk objects: chunk {@code i} holds bytes
 * {@code [i * chunkSize, (i + 1) * chunkSize)}. The size is a power of two, so an offset splits
 * into (index, offset in chunk) with a shift and a mask.
 */
final class ChunkMapping {

    private final int chunkSize;
    private final int shift;
    private final long mask;

    ChunkMapping(int chunkSize) {
        if (chunkSize < KvConfig.MIN_CHUNK_SIZE || chunkSize > KvConfig.MAX_CHUNK_SIZE || Integer.bitCount(chunkSize) != 1) {
            throw new IllegalArgumentException("chunk size: must be a power of two from " + KvConfig.MIN_CHUNK_SIZE
                    + " to " + KvConfig.MAX_CHUNK_SIZE + " bytes, got " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.shift = Integer.numberOfTrailingZeros(chunkSize);
        this.mask = chunkSize - 1L;
    }

    int chunkSize() {
        return chunkSize;
    }

    /** The chunk holding byte {@code offset}. */
    long index(long offset) {
        return offset >>> shift;
    }

    /** Where byte {@code offset} lies inside its chunk. */
    int within(long offset) {
        return (int) (offset & mask);
    }

    /** The file offset of chunk {@code index}'s first byte. */
    long start(long index) {
        return index << shift;
    }

    /** How many chunks cover {@code [0, size)}: the first index that lies wholly past the end. */
    long chunksFor(long size) {
        return (size + mask) >>> shift;
    }

    /** Bytes of chunk {@code index} that lie inside a file of {@code size} bytes (0..chunkSize). */
    int lengthInFile(long index, long size) {
        long rest = size - start(index);
        return rest <= 0 ? 0 : (int) Math.min(rest, chunkSize);
    }
}
