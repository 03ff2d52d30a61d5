package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.DirentLayout.SLOTS;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.pmnfs.pmem.layout.DirentLayout;
import org.pmnfs.pmem.layout.InodeLayout;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.vfs.FileName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DRAM index of one directory, built on first use by reading its dirent chain: name to
 * (ino, block, slot) for O(1) lookup (PMFS2 scans every block), the chain's block numbers in
 * order (so a readdir cookie finds its block directly), and the largest free record per block
 * (so an insert skips full blocks). Guarded by the directory inode's lock: readers under the
 * read lock, changes under the write lock.
 */
final class DirIndex {

    private static final Logger LOG = LoggerFactory.getLogger(DirIndex.class);

    /** Where a name lives. */
    record Entry(long ino, int block, int slot, int type) {}

    private final Map<FileName, Entry> names;
    private long[] blocks = new long[4];
    private int[] largest = new int[4];
    private int count;

    private DirIndex(int expected) {
        this.names = new HashMap<>(Math.max(16, expected * 4 / 3 + 1));
    }

    /** Reads the chain of the directory inode at {@code ip}; skips (and logs) records fsck would flag. */
    static DirIndex build(PmemDevice dev, long ip, org.pmnfs.pmem.layout.Geometry g) {
        long ndents = dev.getLong(ip + InodeLayout.DIR_NDENTS);
        DirIndex d = new DirIndex((int) Math.min(ndents, 1 << 20));
        long bn = dev.getLong(ip + InodeLayout.ROOT);
        long limit = dev.getLong(ip + InodeLayout.BLOCKS);
        while (bn != 0 && d.count <= limit) {
            if (!g.isDataBlock(bn)) {
                LOG.error("directory inode at {}: dirent chain names block {}, outside the data area; run fsck", ip, bn);
                break;
            }
            long b = OnMedia.blockOffset(bn);
            int index = d.appendBlock(bn);
            for (int s = 0; s < SLOTS; ) {
                long r = Dirents.rec(b, s);
                int n = Dirents.nde(dev, r);
                if (n == 0 || s + n > SLOTS) {
                    LOG.error("dirent block {} slot {}: record of {} slots is corrupt; run fsck", bn, s, n);
                    break;
                }
                long ino = Dirents.ino(dev, r);
                if (ino != 0) {
                    byte[] name = Dirents.name(dev, r);
                    try {
                        d.names.put(new FileName(name), new Entry(ino, index, s, Dirents.type(dev, r)));
                    } catch (IllegalArgumentException e) {
                        LOG.error("dirent block {} slot {}: invalid name ({}); run fsck", bn, s, e.getMessage());
                    }
                }
                s += n;
            }
            d.largest[index] = Dirents.largestFree(dev, b);
            bn = dev.getLong(b + DirentLayout.NEXT);
        }
        return d;
    }

    Entry get(FileName name) {
        return names.get(name);
    }

    int size() {
        return names.size();
    }

    void put(FileName name, Entry e) {
        names.put(name, e);
    }

    void remove(FileName name) {
        names.remove(name);
    }

    /** Blocks in the chain. */
    int blockCount() {
        return count;
    }

    long block(int index) {
        return blocks[index];
    }

    long lastBlock() {
        return count == 0 ? 0 : blocks[count - 1];
    }

    int appendBlock(long bn) {
        if (count == blocks.length) {
            blocks = Arrays.copyOf(blocks, count * 2);
            largest = Arrays.copyOf(largest, count * 2);
        }
        blocks[count] = bn;
        largest[count] = SLOTS;
        return count++;
    }

    /** The first block whose largest free record has {@code need} slots, or -1. */
    int blockWithRoom(int need) {
        for (int i = 0; i < count; i++) {
            if (largest[i] >= need) {
                return i;
            }
        }
        return -1;
    }

    void setLargest(int index, int slots) {
        largest[index] = slots;
    }

    /** Forgets every block (the directory emptied and freed its chain). */
    void clearBlocks() {
        count = 0;
    }
}
