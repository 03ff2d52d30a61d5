package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.SuperBlockLayout.X_SNAP_CRC;
import static org.pmnfs.pmem.layout.SuperBlockLayout.X_SNAP_FREE_BLOCKS;
import static org.pmnfs.pmem.layout.SuperBlockLayout.X_SNAP_USED_INODES;

import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32C;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.pmem.layout.OnMedia;

/**
 * The allocator bitmap saved at clean close into the snapshot area (one bit per block, 1 = in
 * use, little-endian u64 words) with a CRC32C in the super block, so a clean mount skips the full
 * scan (PMFS's blocknode idea; PMFS2 always rescans). Only trusted when x_state says CLEAN.
 */
final class AllocatorSnapshot {

    private AllocatorSnapshot() {}

    /**
     * Writes the bitmap and its figures: (1) the words into the snapshot area; (2) CRC, free
     * blocks and live inodes into the super block's dynamic area; the caller persists both before
     * it stores the clean flag, so a crash in between leaves x_state DIRTY and the snapshot unused.
     */
    static void save(PmemDevice dev, Geometry g, BlockAllocator alloc, long liveInodes, FlushSet out) {
        int words = alloc.wordCount();
        byte[] bytes = new byte[words * Long.BYTES];
        MemorySegment m = MemorySegment.ofArray(bytes);
        for (int i = 0; i < words; i++) {
            m.set(OnMedia.U64, (long) i * Long.BYTES, alloc.word(i));
        }
        long area = OnMedia.blockOffset(g.bitmapBn());
        dev.write(area, m, 0, bytes.length);
        out.add(area, bytes.length);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        dev.putLong(X_SNAP_FREE_BLOCKS, alloc.freeBlocks());
        dev.putLong(X_SNAP_USED_INODES, liveInodes);
        dev.putInt(X_SNAP_CRC, (int) crc.getValue());
        out.add(X_SNAP_FREE_BLOCKS, X_SNAP_CRC + 4 - X_SNAP_FREE_BLOCKS);
    }

    /** Loads the snapshot into {@code alloc}; false (allocator untouched or reset) when it does not check out. */
    static boolean load(PmemDevice dev, Geometry g, BlockAllocator alloc) {
        int words = alloc.wordCount();
        if ((long) words * Long.BYTES > g.bitmapBlocks() * OnMedia.BLOCK_SIZE) {
            return false;
        }
        byte[] bytes = new byte[words * Long.BYTES];
        dev.read(OnMedia.blockOffset(g.bitmapBn()), MemorySegment.ofArray(bytes), 0, bytes.length);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        if ((int) crc.getValue() != dev.getInt(X_SNAP_CRC)) {
            return false;
        }
        long[] w = new long[words];
        MemorySegment m = MemorySegment.ofArray(bytes);
        for (int i = 0; i < words; i++) {
            w[i] = m.get(OnMedia.U64, (long) i * Long.BYTES);
        }
        return alloc.load(w) && alloc.freeBlocks() == dev.getLong(X_SNAP_FREE_BLOCKS);
    }
}
