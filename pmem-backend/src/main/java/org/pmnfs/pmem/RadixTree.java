package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.OnMedia.blockOffset;
import static org.pmnfs.pmem.layout.RadixLayout.FANOUT;
import static org.pmnfs.pmem.layout.RadixLayout.capacity;
import static org.pmnfs.pmem.layout.RadixLayout.heightFor;
import static org.pmnfs.pmem.layout.RadixLayout.slot;

import java.util.function.LongConsumer;
import org.pmnfs.pmem.layout.InodeLayout;

/**
 * The PMFS2 per-inode radix tree (btree.c) over the inode at pool offset {@code ip}: lookup,
 * mapping a range of holes, truncation, and walks. Every change runs inside a {@link Tx}, which
 * makes height changes (root and height: two stores) and pointer updates atomic. Stateless; the
 * caller holds the inode's lock.
 */
final class RadixTree {

    private RadixTree() {}

    /** Receives each block of a mapped range: {@code fresh} blocks are new and hold garbage until the caller fills them. */
    interface BlockSink {
        void block(long idx, long bn, boolean fresh);
    }

    static long root(PmemDevice dev, long ip) {
        return dev.getLong(ip + InodeLayout.ROOT);
    }

    static int height(PmemDevice dev, long ip) {
        return dev.getByte(ip + InodeLayout.HEIGHT) & 0xff;
    }

    private static long ptrOff(long node, int s) {
        return blockOffset(node) + (long) s * Long.BYTES;
    }

    /** The data block of file block {@code idx}, or 0 for a hole. */
    static long lookup(PmemDevice dev, long ip, long idx) {
        long node = root(dev, ip);
        int h = height(dev, ip);
        if (node == 0 || idx >= capacity(h)) {
            return 0;
        }
        for (int level = h; level >= 1 && node != 0; level--) {
            node = dev.getLong(ptrOff(node, slot(idx, level)));
        }
        return node;
    }

    /** Blocks (data and index) that {@link #mapRange} would allocate for {@code [a, b]}. */
    static long blocksNeeded(PmemDevice dev, long ip, long a, long b) {
        long root = root(dev, ip);
        int h = height(dev, ip);
        int target = Math.max(h, heightFor(b + 1));
        if (root == 0) {
            return missing(dev, 0, target, 0, a, b);
        }
        if (target == h) {
            return missing(dev, root, h, 0, a, b);
        }
        // Growth: target - h new roots chain down to the old root in slot 0 of each.
        return (target - h) + missingGrown(dev, root, h, target, 0, a, b);
    }

    private static long missingGrown(PmemDevice dev, long oldRoot, int h, int level, long base, long a, long b) {
        if (level == h) {
            return missing(dev, oldRoot, h, base, a, b);
        }
        long childCap = capacity(level - 1);
        long n = 0;
        for (long s = (a - base) / childCap; s <= (b - base) / childCap; s++) {
            long cb = base + s * childCap;
            long ca = Math.max(a, cb);
            long ce = Math.min(b, cb + childCap - 1);
            n += s == 0 ? missingGrown(dev, oldRoot, h, level - 1, cb, ca, ce) : missing(dev, 0, level - 1, cb, ca, ce);
        }
        return n;
    }

    private static long missing(PmemDevice dev, long node, int level, long base, long a, long b) {
        if (level == 0) {
            return node == 0 ? 1 : 0;
        }
        long n = node == 0 ? 1 : 0;
        long childCap = capacity(level - 1);
        for (long s = (a - base) / childCap; s <= (b - base) / childCap; s++) {
            long cb = base + s * childCap;
            long child = node == 0 ? 0 : dev.getLong(ptrOff(node, (int) s));
            n += missing(dev, child, level - 1, cb, Math.max(a, cb), Math.min(b, cb + childCap - 1));
        }
        return n;
    }

    /**
     * Maps file blocks {@code [a, b]}, allocating index nodes and data blocks for holes, raising the
     * height first if needed, and hands every block to {@code sink} in index order. Logs the inode's
     * first line and every slot range it will change before storing anything, so the whole
     * mapping costs one journal persist. Raises i_blocks by the new data blocks.
     */
    static void mapRange(Tx tx, long ip, long a, long b, BlockAllocator.Reservation r, BlockSink sink) {
        PmemDevice dev = tx.device();
        long root = root(dev, ip);
        int h = height(dev, ip);
        int target = Math.max(h, heightFor(b + 1));
        tx.undo(ip, InodeLayout.HOT_BYTES);
        if (root != 0 && h > 0 && a < capacity(h)) {
            logRange(tx, dev, root, h, 0, a, Math.min(b, capacity(h) - 1));
        }
        if (root != 0) {
            while (h < target) {
                long n = tx.allocateZeroed(r);
                tx.putLong(ptrOff(n, 0), root);
                root = n;
                h++;
            }
        }
        h = target;
        long[] added = {0};
        if (h == 0) {
            if (root == 0) {
                root = tx.allocate(r);
                added[0]++;
                sink.block(0, root, true);
            } else {
                sink.block(0, root, false);
            }
        } else {
            if (root == 0) {
                root = tx.allocateZeroed(r);
            }
            fill(tx, dev, root, h, 0, a, b, r, sink, added);
        }
        tx.putLong(ip + InodeLayout.ROOT, root);
        tx.putByte(ip + InodeLayout.HEIGHT, (byte) h);
        if (added[0] > 0) {
            tx.putLong(ip + InodeLayout.BLOCKS, dev.getLong(ip + InodeLayout.BLOCKS) + added[0]);
        }
    }

    private static void logRange(Tx tx, PmemDevice dev, long node, int level, long base, long a, long b) {
        long childCap = capacity(level - 1);
        int s0 = (int) ((a - base) / childCap);
        int s1 = (int) ((b - base) / childCap);
        tx.undo(ptrOff(node, s0), (s1 - s0 + 1) * Long.BYTES);
        if (level == 1) {
            return;
        }
        for (int s = s0; s <= s1; s++) {
            long child = dev.getLong(ptrOff(node, s));
            if (child != 0) {
                long cb = base + s * childCap;
                logRange(tx, dev, child, level - 1, cb, Math.max(a, cb), Math.min(b, cb + childCap - 1));
            }
        }
    }

    private static void fill(Tx tx, PmemDevice dev, long node, int level, long base, long a, long b,
                             BlockAllocator.Reservation r, BlockSink sink, long[] added) {
        long childCap = capacity(level - 1);
        int s0 = (int) ((a - base) / childCap);
        int s1 = (int) ((b - base) / childCap);
        for (int s = s0; s <= s1; s++) {
            long at = ptrOff(node, s);
            long child = dev.getLong(at);
            long cb = base + s * childCap;
            if (level == 1) {
                if (child == 0) {
                    child = tx.allocate(r);
                    tx.putLong(at, child);
                    added[0]++;
                    sink.block(cb, child, true);
                } else {
                    sink.block(cb, child, false);
                }
            } else {
                if (child == 0) {
                    child = tx.allocateZeroed(r);
                    tx.putLong(at, child);
                }
                fill(tx, dev, child, level - 1, cb, Math.max(a, cb), Math.min(b, cb + childCap - 1), r, sink, added);
            }
        }
    }

    /**
     * Frees every data block with index {@code >= keep}, the index nodes left empty, and lowers
     * the height while only slot 0 of the root is used (PMFS2 passed a block index where a byte
     * size was expected here and could orphan blocks; this works in block counts throughout).
     * Logs every surviving node's cleared slot range and the inode's first line. Lowers i_blocks.
     */
    static void truncate(Tx tx, long ip, long keep) {
        PmemDevice dev = tx.device();
        long root = root(dev, ip);
        int h = height(dev, ip);
        if (root == 0 || keep >= capacity(h)) {
            return;
        }
        tx.undo(ip, InodeLayout.HOT_BYTES);
        long[] freedData = {0};
        if (h == 0) {
            // keep == 0 here: the root is the data block of index 0.
            tx.freeBlock(root);
            freedData[0] = 1;
            root = 0;
        } else if (cut(tx, dev, root, h, 0, keep, freedData)) {
            root = 0;
        }
        if (root == 0) {
            h = 0;
        }
        while (h > 0 && keep <= capacity(h - 1)) {
            long child = dev.getLong(ptrOff(root, 0));
            tx.freeBlock(root);
            root = child;
            h--;
            if (root == 0) {
                h = 0;
            }
        }
        tx.putLong(ip + InodeLayout.ROOT, root);
        tx.putByte(ip + InodeLayout.HEIGHT, (byte) h);
        tx.putLong(ip + InodeLayout.BLOCKS, keep == 0 ? 0 : dev.getLong(ip + InodeLayout.BLOCKS) - freedData[0]);
    }

    /** Cuts the subtree at {@code node}; true when nothing below {@code keep} remains (the node is then freed). */
    private static boolean cut(Tx tx, PmemDevice dev, long node, int level, long base, long keep, long[] freedData) {
        long childCap = capacity(level - 1);
        long rel = Math.max(0, keep - base);
        int firstWhole = (int) Math.min(FANOUT, (rel + childCap - 1) / childCap);
        int partial = level > 1 && rel % childCap != 0 && rel / childCap < FANOUT ? (int) (rel / childCap) : -1;
        boolean partialGone = false;
        if (partial >= 0) {
            long child = dev.getLong(ptrOff(node, partial));
            if (child != 0) {
                partialGone = cut(tx, dev, child, level - 1, base + partial * childCap, keep, freedData);
            } else {
                partialGone = true;
            }
        }
        int keptEnd = partial >= 0 ? partial : firstWhole;
        boolean anyKept = partial >= 0 && !partialGone;
        for (int s = 0; s < keptEnd && !anyKept; s++) {
            anyKept = dev.getLong(ptrOff(node, s)) != 0;
        }
        for (int s = firstWhole; s < FANOUT; s++) {
            long child = dev.getLong(ptrOff(node, s));
            if (child != 0) {
                if (keep > 0) {
                    freedData[0] += countData(dev, child, level - 1); // truncation to 0 zeroes i_blocks without counting
                }
                tx.freeTree(child, level - 1);
            }
        }
        if (!anyKept) {
            tx.freeBlock(node);
            return true;
        }
        int clearFrom = partialGone ? partial : firstWhole;
        boolean dirty = false;
        for (int s = clearFrom; s < FANOUT && !dirty; s++) {
            dirty = dev.getLong(ptrOff(node, s)) != 0;
        }
        if (dirty) {
            tx.undo(ptrOff(node, clearFrom), (FANOUT - clearFrom) * Long.BYTES);
            for (int s = clearFrom; s < FANOUT; s++) {
                if (dev.getLong(ptrOff(node, s)) != 0) {
                    tx.putLong(ptrOff(node, s), 0);
                }
            }
        }
        return false;
    }

    /** Data blocks in the subtree at {@code node} of {@code level} (0 = a data block). */
    static long countData(PmemDevice dev, long node, int level) {
        if (level == 0) {
            return 1;
        }
        long n = 0;
        for (int s = 0; s < FANOUT; s++) {
            long child = dev.getLong(ptrOff(node, s));
            if (child != 0) {
                n += countData(dev, child, level - 1);
            }
        }
        return n;
    }

    /** Visits every block of a subtree, children before their parent (so a node is read before it is released). */
    static void forEachBlockPostOrder(PmemDevice dev, long node, int level, LongConsumer visit) {
        if (level > 0) {
            for (int s = 0; s < FANOUT; s++) {
                long child = dev.getLong(ptrOff(node, s));
                if (child != 0) {
                    forEachBlockPostOrder(dev, child, level - 1, visit);
                }
            }
        }
        visit.accept(node);
    }

}
