package org.pmnfs.pmem;

import static org.pmnfs.pmem.FsckProblem.Kind.*;
import static org.pmnfs.pmem.layout.DirentLayout.*;
import static org.pmnfs.pmem.layout.InodeLayout.BLOCKS;
import static org.pmnfs.pmem.layout.InodeLayout.DIR_NDENTS;
import static org.pmnfs.pmem.layout.InodeLayout.ROOT;
import static org.pmnfs.pmem.layout.InodeLayout.SIZE;
import static org.pmnfs.pmem.layout.InodeLayout.SIZE_FIELD;

import java.util.HashSet;
import java.util.Set;
import org.pmnfs.pmem.layout.InodeLayout;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.vfs.FileName;

/**
 * fsck of one directory's dirent chain: each block's pointer and cookie base, the record
 * structure (slot counts summing to 255, nde_prev links), names, target inodes, types,
 * duplicates, and the directory's ndents, i_blocks and i_size. Records edges for reachability.
 */
final class DirScan {

    private final Checker c;
    private final PmemDevice dev;

    DirScan(Checker c) {
        this.c = c;
        this.dev = c.dev;
    }

    void scan(long ino, long ip) {
        long pointerAt = ip + ROOT;
        long bn = dev.getLong(pointerAt);
        long blocks = 0;
        long liveEntries = 0;
        Set<FileName> seen = new HashSet<>();
        while (bn != 0) {
            if (!c.claim(bn, ino, "dirent chain block " + blocks, pointerAt)) {
                break;
            }
            long b = OnMedia.blockOffset(bn);
            long wantBase = baseOff(blocks);
            if (dev.getLong(b + BASE_OFF) != wantBase) {
                c.problem(DIR_SIZE, ino, "dirent block " + bn + " (chain index " + blocks + ") has base_off "
                        + dev.getLong(b + BASE_OFF) + ", expected " + wantBase, tx -> {
                            tx.undo(b + BASE_OFF, Long.BYTES);
                            tx.putLong(b + BASE_OFF, wantBase);
                        });
            }
            liveEntries += scanBlock(ino, bn, b, seen);
            blocks++;
            pointerAt = b + NEXT;
            bn = dev.getLong(pointerAt);
        }
        long iBlocks = dev.getLong(ip + BLOCKS);
        long size = dev.getLong(ip + SIZE_FIELD);
        long ndents = dev.getLong(ip + DIR_NDENTS);
        long nb = blocks;
        if (iBlocks != blocks || size != blocks * OnMedia.BLOCK_SIZE) {
            c.problem(DIR_SIZE, ino, "i_blocks " + iBlocks + " and i_size " + size + ", but the chain has " + blocks
                    + " blocks", tx -> {
                        tx.undo(ip, SIZE);
                        tx.putLong(ip + BLOCKS, nb);
                        tx.putLong(ip + SIZE_FIELD, nb * OnMedia.BLOCK_SIZE);
                    });
        }
        long le = liveEntries;
        if (ndents != liveEntries) {
            c.problem(NDENTS, ino, "i_dir_ndents is " + ndents + ", the chain holds " + liveEntries + " entries", tx -> {
                tx.undo(ip, SIZE);
                tx.putLong(ip + DIR_NDENTS, le);
            });
        } else if (liveEntries == 0 && blocks > 0) {
            c.problem(DIR_SIZE, ino, "empty directory keeps " + blocks + " dirent blocks", tx -> {
                tx.undo(ip, SIZE);
                Reclaim.freeChain(tx, ip);
            });
        }
    }

    /** Checks one block's records; returns the live entries in it. */
    private long scanBlock(long dirIno, long bn, long b, Set<FileName> seen) {
        long liveEntries = 0;
        int prevN = 0;
        for (int s = 0; s < SLOTS; ) {
            long r = Dirents.rec(b, s);
            int n = Dirents.nde(dev, r);
            int slot = s;
            int pn = prevN;
            if (n == 0 || s + n > SLOTS) {
                c.problem(DIRENT_RECORD, dirIno, "dirent block " + bn + " slot " + s + ": record spans " + n
                        + " slots, past the block's 255", tx -> {
                            tx.undo(r, SLOT_SIZE);
                            tx.fill(r, SLOT_SIZE, (byte) 0);
                            tx.putByte(r + NDE, (byte) (SLOTS - slot));
                            tx.putByte(r + NDE_PREV, (byte) pn);
                        });
                return liveEntries;
            }
            if (Dirents.ndePrev(dev, r) != prevN) {
                c.problem(DIRENT_RECORD, dirIno, "dirent block " + bn + " slot " + s + ": nde_prev "
                        + Dirents.ndePrev(dev, r) + ", previous record spans " + prevN, tx -> {
                            tx.undo(r + NDE_PREV, 1);
                            tx.putByte(r + NDE_PREV, (byte) pn);
                        });
            }
            long child = Dirents.ino(dev, r);
            if (child != 0 && entry(dirIno, bn, b, s, n, r, child, seen)) {
                liveEntries++;
            }
            prevN = n;
            s += n;
        }
        return liveEntries;
    }

    /** Checks one used record; true when it counts as a live entry. */
    private boolean entry(long dirIno, long bn, long b, int s, int n, long r, long child, Set<FileName> seen) {
        int len = Dirents.nameLen(dev, r);
        String where = "dirent block " + bn + " slot " + s;
        Checker.Fix drop = tx -> Dirents.remove(tx, b, s);
        if (len == 0 || NAME_OFFSET + len > n * SLOT_SIZE) {
            c.problem(DIRENT_RECORD, dirIno, where + ": name of " + len + " bytes does not fit " + n + " slots", tx -> {
                tx.undo(r + INO, Long.BYTES);
                tx.putLong(r + INO, 0);
            });
            return false;
        }
        FileName name;
        try {
            name = new FileName(Dirents.name(dev, r));
        } catch (IllegalArgumentException e) {
            c.problem(DIRENT_NAME, dirIno, where + ": " + e.getMessage(), drop);
            return true;
        }
        if (!c.inTable(child) || c.state[(int) child] == 0) {
            c.problem(DANGLING, dirIno, where + ": '" + name + "' names inode " + child + ", which is not in use", drop);
            return true;
        }
        if (!seen.add(name)) {
            c.problem(DUP_NAME, dirIno, where + ": '" + name + "' appears twice", drop);
            return true;
        }
        long cip = c.offsets[(int) child];
        int want = InodeLayout.direntType(Inodes.mode(dev, cip));
        if (Dirents.type(dev, r) != want) {
            c.problem(DIRENT_TYPE, dirIno, where + ": '" + name + "' has type " + Dirents.type(dev, r) + ", inode "
                    + child + " is type " + want, tx -> {
                        tx.undo(r + FILE_TYPE, 1);
                        tx.putByte(r + FILE_TYPE, (byte) want);
                    });
        }
        c.addEdge(dirIno, child, r);
        return true;
    }
}
