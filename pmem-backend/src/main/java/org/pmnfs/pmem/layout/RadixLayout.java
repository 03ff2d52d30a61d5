package org.pmnfs.pmem.layout;

/**
 * The per-inode radix tree of PMFS2 (btree.c): index nodes are one block of 512 little-endian u64
 * block numbers (bn 0 = hole); at height h a file block index takes slot
 * {@code (idx >> 9*(h-1)) & 511} at each level, top down; height 0 means the root is the data
 * block of index 0.
 */
public final class RadixLayout {

    private RadixLayout() {}

    /** Pointers per index node: 4096 / 8 (META_SHIFT 9). */
    public static final int FANOUT = OnMedia.BLOCK_SIZE / Long.BYTES;
    /** log2(FANOUT). */
    public static final int FANOUT_SHIFT = 9;
    /** Highest height PMFS2 allocates (btree.c refuses to grow past 3): 512 GiB of data. */
    public static final int MAX_HEIGHT = 3;
    /** Bytes a file can hold at MAX_HEIGHT: 512^3 blocks of 4096 bytes. */
    public static final long MAX_FILE_SIZE = (1L << (FANOUT_SHIFT * MAX_HEIGHT)) * OnMedia.BLOCK_SIZE;

    /** Block indexes reachable at {@code height}: 1 at height 0, else 512^height. */
    public static long capacity(int height) {
        return 1L << (FANOUT_SHIFT * height);
    }

    /** The smallest height whose capacity holds {@code blockCount} blocks (0 for 0 or 1 block). */
    public static int heightFor(long blockCount) {
        int h = 0;
        while (capacity(h) < blockCount) {
            h++;
        }
        return h;
    }

    /** The slot that block index {@code idx} takes in a node at {@code level} (1 = leaf index node). */
    public static int slot(long idx, int level) {
        return (int) ((idx >>> (FANOUT_SHIFT * (level - 1))) & (FANOUT - 1));
    }

    /** Byte offset of slot {@code slot} inside an index node. */
    public static int slotOffset(int slot) {
        return slot * Long.BYTES;
    }
}
