package org.pmnfs.pmem.layout;

/**
 * Where the areas of a pmnfs pool lie, in blocks: the super block (block 0), the undo journal
 * lanes, the allocator snapshot bitmap (one bit per block, written at clean close), and the
 * allocatable blocks. PMFS2 makes every block from 1 allocatable; pmnfs reserves the first two
 * areas and records them in the super block extension.
 *
 * @param totalBlocks  blocks in the pool (s_t1_blocks), a multiple of 512
 * @param journalBn    first journal block (always 1)
 * @param lanes        journal lanes: concurrent transactions
 * @param laneBlocks   blocks per lane: bounds the undo bytes of one transaction
 * @param bitmapBn     first block of the allocator snapshot
 * @param bitmapBlocks blocks of the snapshot: ceil(totalBlocks / 32768)
 * @param dataBn       first allocatable block
 */
public record Geometry(long totalBlocks, long journalBn, int lanes, int laneBlocks,
                       long bitmapBn, long bitmapBlocks, long dataBn) {

    /** 32 KiB per lane: the largest transaction (a shrink cutting three index nodes and a tail block) logs about 17 KiB. */
    public static final int DEFAULT_LANE_BLOCKS = 8;
    /** Pools under 256 MiB get this many lanes (tiny pools must not spend their space on the journal). */
    public static final int SMALL_POOL_LANES = 4;
    /** Larger pools: more concurrent metadata transactions. */
    public static final int LARGE_POOL_LANES = 16;
    /** Blocks at which a pool counts as large (256 MiB). */
    public static final long LARGE_POOL_BLOCKS = 65536;
    /** Bits in one snapshot block. */
    public static final long BITS_PER_BLOCK = OnMedia.BLOCK_SIZE * 8L;
    /** Upper bound on lanes accepted on open. */
    public static final int MAX_LANES = 1024;

    /** The geometry mkfs gives a pool of {@code totalBlocks} blocks. */
    public static Geometry forBlocks(long totalBlocks) {
        int lanes = totalBlocks >= LARGE_POOL_BLOCKS ? LARGE_POOL_LANES : SMALL_POOL_LANES;
        long journalBn = 1;
        long bitmapBn = journalBn + (long) lanes * DEFAULT_LANE_BLOCKS;
        long bitmapBlocks = bitmapBlocksFor(totalBlocks);
        return new Geometry(totalBlocks, journalBn, lanes, DEFAULT_LANE_BLOCKS, bitmapBn, bitmapBlocks,
                bitmapBn + bitmapBlocks);
    }

    public static long bitmapBlocksFor(long totalBlocks) {
        return (totalBlocks + BITS_PER_BLOCK - 1) / BITS_PER_BLOCK;
    }

    /** Null when the areas are consistent and fit, else what is wrong (for an error message). */
    public String problem() {
        if (journalBn != 1) {
            return "journal must start at block 1, super block says " + journalBn;
        }
        if (lanes < 1 || lanes > MAX_LANES) {
            return "journal lanes " + lanes + " outside 1.." + MAX_LANES;
        }
        if (laneBlocks < 2 || laneBlocks > 256) {
            return "journal lane of " + laneBlocks + " blocks outside 2..256";
        }
        if (bitmapBn != journalBn + (long) lanes * laneBlocks) {
            return "snapshot bitmap at block " + bitmapBn + ", expected right after the journal at "
                    + (journalBn + (long) lanes * laneBlocks);
        }
        if (bitmapBlocks != bitmapBlocksFor(totalBlocks)) {
            return "snapshot bitmap of " + bitmapBlocks + " blocks, " + totalBlocks + " blocks need "
                    + bitmapBlocksFor(totalBlocks);
        }
        if (dataBn != bitmapBn + bitmapBlocks) {
            return "first data block " + dataBn + ", expected " + (bitmapBn + bitmapBlocks);
        }
        if (dataBn + 2 > totalBlocks) {
            return "reserved areas end at block " + dataBn + " of " + totalBlocks + ": no room for data";
        }
        return null;
    }

    /** Pool byte offset of lane {@code lane}. */
    public long laneOffset(int lane) {
        return OnMedia.blockOffset(journalBn + (long) lane * laneBlocks);
    }

    /** Bytes per lane. */
    public int laneBytes() {
        return laneBlocks * OnMedia.BLOCK_SIZE;
    }

    /** Blocks that can hold file-system data. */
    public long dataBlocks() {
        return totalBlocks - dataBn;
    }

    /** True when {@code bn} is an allocatable block number. */
    public boolean isDataBlock(long bn) {
        return bn >= dataBn && bn < totalBlocks;
    }
}
