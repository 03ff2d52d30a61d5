package org.pmnfs.pmem;

import java.util.concurrent.ConcurrentHashMap;
import org.pmnfs.pmem.layout.DirentLayout;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.pmem.layout.InodeLayout;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.vfs.FileName;

/**
 * Directory contents: the DRAM indexes (one per directory, built lazily, dropped when the
 * directory goes or a transaction on it fails) and the changes that keep media and index in step.
 * Every method runs under the directory inode's lock (write lock for changes).
 */
final class Directories {

    private final PmemDevice dev;
    private final Geometry geometry;
    private final ConcurrentHashMap<Long, DirIndex> indexes = new ConcurrentHashMap<>();

    Directories(PmemDevice dev, Geometry geometry) {
        this.dev = dev;
        this.geometry = geometry;
    }

    /** The index of directory {@code ino} (inode at {@code ip}); the caller holds its lock. */
    DirIndex index(long ino, long ip) {
        DirIndex d = indexes.get(ino);
        if (d == null) {
            // Two readers may both build under the read lock; either copy is right, one wins.
            d = DirIndex.build(dev, ip, geometry);
            DirIndex prev = indexes.putIfAbsent(ino, d);
            if (prev != null) {
                d = prev;
            }
        }
        return d;
    }

    void drop(long ino) {
        indexes.remove(ino);
    }

    /** Blocks an insert of {@code name} may need (a new dirent block if no block has room). */
    long blocksForInsert(DirIndex d, FileName name) {
        return d.blockWithRoom(DirentLayout.slotsFor(name.length())) >= 0 ? 0 : 1;
    }

    /**
     * Logs what {@link #insert} of {@code name} will change (the directory inode, the slots of the
     * free record it will use, or the tail's next pointer for a new block), storing nothing, so an
     * operation can log all its ranges before its first store and pay one journal persist.
     */
    void logInsert(Tx tx, long ip, DirIndex d, FileName name) {
        tx.undo(ip, InodeLayout.SIZE);
        int need = DirentLayout.slotsFor(name.length());
        int index = d.blockWithRoom(need);
        if (index < 0) {
            if (d.lastBlock() != 0) {
                tx.undo(OnMedia.blockOffset(d.lastBlock()) + DirentLayout.NEXT, Long.BYTES);
            }
            return;
        }
        long b = OnMedia.blockOffset(d.block(index));
        int slot = Dirents.findFree(dev, b, need);
        if (slot >= 0) {
            Dirents.logInsert(tx, b, slot, need);
        }
    }

    /** Logs what {@link #remove} of {@code name} will change, storing nothing. */
    void logRemove(Tx tx, long ip, DirIndex d, FileName name) {
        tx.undo(ip, InodeLayout.SIZE);
        DirIndex.Entry e = d.get(name);
        if (e != null) {
            Dirents.logRemove(tx, OnMedia.blockOffset(d.block(e.block())), e.slot());
        }
    }

    /**
     * Adds {@code name -> ino} to the directory at {@code ip}: first fit over the chain, else a
     * new block appended at the tail (i_blocks + 1, i_size + 4096, PMFS2's base_off rule); then
     * i_dir_ndents + 1. The whole inode is logged (size, blocks, ndents, times change together).
     */
    void insert(Tx tx, long ip, DirIndex d, FileName name, long ino, int type, BlockAllocator.Reservation r) {
        int need = DirentLayout.slotsFor(name.length());
        tx.undo(ip, InodeLayout.SIZE);
        int index = d.blockWithRoom(need);
        if (index < 0) {
            long bn = tx.allocate(r);
            long blocksNow = dev.getLong(ip + InodeLayout.BLOCKS);
            Dirents.init(tx, bn, blocksNow);
            long tail = d.lastBlock();
            if (tail == 0) {
                tx.putLong(ip + InodeLayout.ROOT, bn);
            } else {
                long nextField = OnMedia.blockOffset(tail) + DirentLayout.NEXT;
                tx.undo(nextField, Long.BYTES);
                tx.putLong(nextField, bn);
            }
            tx.putLong(ip + InodeLayout.BLOCKS, blocksNow + 1);
            tx.putLong(ip + InodeLayout.SIZE_FIELD, (blocksNow + 1) * OnMedia.BLOCK_SIZE);
            index = d.appendBlock(bn);
        }
        long b = OnMedia.blockOffset(d.block(index));
        int slot = Dirents.findFree(dev, b, need);
        if (slot < 0) {
            throw new IllegalStateException("directory index promised room for " + need + " slots in block " + d.block(index));
        }
        Dirents.insert(tx, b, slot, name, ino, type);
        d.setLargest(index, Dirents.largestFree(dev, b));
        d.put(name, new DirIndex.Entry(ino, index, slot, type));
        tx.putLong(ip + InodeLayout.DIR_NDENTS, dev.getLong(ip + InodeLayout.DIR_NDENTS) + 1);
    }

    /** Removes {@code name} (which must be present) and lowers i_dir_ndents. */
    void remove(Tx tx, long ip, DirIndex d, FileName name) {
        DirIndex.Entry e = d.get(name);
        if (e == null) {
            throw new IllegalStateException("'" + name + "' is not in the directory index");
        }
        tx.undo(ip, InodeLayout.SIZE);
        long b = OnMedia.blockOffset(d.block(e.block()));
        Dirents.remove(tx, b, e.slot());
        d.setLargest(e.block(), Dirents.largestFree(dev, b));
        d.remove(name);
        tx.putLong(ip + InodeLayout.DIR_NDENTS, dev.getLong(ip + InodeLayout.DIR_NDENTS) - 1);
    }

    /**
     * When the directory has no entries left, frees its whole chain and zeroes root, size and
     * blocks (PMFS2: "empty" means i_size 0). Cookies restart at block 0, which is fine: there
     * are no entries for an old cookie to name.
     */
    void releaseIfEmpty(Tx tx, long ip, DirIndex d) {
        if (dev.getLong(ip + InodeLayout.DIR_NDENTS) != 0 || d.blockCount() == 0) {
            return;
        }
        tx.undo(ip, InodeLayout.SIZE);
        for (int i = 0; i < d.blockCount(); i++) {
            tx.freeBlock(d.block(i));
        }
        tx.putLong(ip + InodeLayout.ROOT, 0);
        tx.putLong(ip + InodeLayout.BLOCKS, 0);
        tx.putLong(ip + InodeLayout.SIZE_FIELD, 0);
        d.clearBlocks();
    }
}
