package org.pmnfs.pmem;

import static org.pmnfs.pmem.FsckProblem.Kind.*;
import static org.pmnfs.pmem.layout.InodeLayout.*;

import org.pmnfs.pmem.layout.DirentLayout;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.vfs.FileType;

/**
 * The namespace checks that need the whole directory graph: a breadth-first walk from the root
 * over the edges {@link DirScan} recorded finds orphans (live inodes nothing reaches: leaked
 * inodes and their blocks), directories reachable twice, wrong ".." and wrong link counts.
 */
final class Reachability {

    private final Checker c;
    private final PmemDevice dev;

    Reachability(Checker c) {
        this.c = c;
        this.dev = c.dev;
    }

    void run() {
        int cap = c.state.length;
        if (cap <= ROOT_INO || c.state[(int) ROOT_INO] != 2) {
            c.problem(ROOT_DIR, ROOT_INO, "the root directory (inode 1) is missing or not a directory", null);
            return;
        }
        int[] start = new int[cap + 1];
        for (int e = 0; e < c.edges; e++) {
            start[(int) c.edgeFrom[e] + 1]++;
        }
        for (int i = 0; i < cap; i++) {
            start[i + 1] += start[i];
        }
        int[] order = new int[c.edges];
        int[] fillAt = start.clone();
        for (int e = 0; e < c.edges; e++) {
            order[fillAt[(int) c.edgeFrom[e]]++] = e;
        }
        boolean[] reached = new boolean[cap];
        int[] links = new int[cap];
        int[] subdirs = new int[cap];
        long[] parent = new long[cap];
        long[] parentLoc = new long[cap];
        int[] queue = new int[cap];
        int head = 0;
        int tail = 0;
        reached[(int) ROOT_INO] = true;
        queue[tail++] = (int) ROOT_INO;
        while (head < tail) {
            int d = queue[head++];
            for (int k = start[d]; k < start[d + 1]; k++) {
                int e = order[k];
                int ch = (int) c.edgeTo[e];
                long loc = c.edgeLoc[e];
                links[ch]++;
                if (c.state[ch] != 2) {
                    reached[ch] = true;
                    continue;
                }
                subdirs[d]++;
                if (!reached[ch]) {
                    reached[ch] = true;
                    parent[ch] = d;
                    parentLoc[ch] = loc;
                    queue[tail++] = ch;
                } else {
                    extraDirEntry(ch, d, loc, parentLoc[ch]);
                }
            }
        }
        for (int ino = 1; ino < cap; ino++) {
            if (c.state[ino] == 0) {
                continue;
            }
            long ip = c.offsets[ino];
            if (!reached[ino]) {
                orphan(ino, ip);
                continue;
            }
            long expected = c.state[ino] == 2 ? 2L + subdirs[ino] : links[ino];
            long nlink = Inodes.nlink(dev, ip);
            if (nlink != expected && c.state[ino] != 3) {
                c.problem(LINK_COUNT, ino, "i_nlink is " + nlink + ", " + (c.state[ino] == 2 ? "2 + its subdirectories" : "the entries naming it")
                        + " make " + expected, tx -> {
                            tx.undo(ip + NLINK, Integer.BYTES);
                            tx.putInt(ip + NLINK, (int) expected);
                        });
            }
            if (c.state[ino] == 2) {
                long dotdot = dev.getLong(ip + DIR_PARENT);
                long want = ino == ROOT_INO ? 0 : parent[ino];
                if (dotdot != want && !(ino == ROOT_INO && dotdot == ROOT_INO)) {
                    c.problem(DOTDOT, ino, "i_dir_parent (\"..\") is " + dotdot + ", but inode " + want + " holds it", tx -> {
                        tx.undo(ip + DIR_PARENT, Long.BYTES);
                        tx.putLong(ip + DIR_PARENT, want);
                    });
                }
            }
        }
    }

    /** A directory reached through a second entry: repair drops whichever entry disagrees with its "..". */
    private void extraDirEntry(int dir, int holder, long loc, long firstLoc) {
        long dotdot = dev.getLong(c.offsets[dir] + DIR_PARENT);
        long drop = dotdot == holder ? firstLoc : loc;
        long blockOff = drop & ~(long) (OnMedia.BLOCK_SIZE - 1);
        int slot = (int) ((drop - blockOff - DirentLayout.SLOTS_OFFSET) / DirentLayout.SLOT_SIZE);
        c.problem(DIR_LINKS, dir, "directory is named by a second entry (in directory inode " + holder + ")",
                tx -> Dirents.remove(tx, blockOff, slot));
    }

    private void orphan(int ino, long ip) {
        FileType t = Inodes.typeOf(Inodes.mode(dev, ip));
        c.problem(ORPHAN, ino, "live " + (t == null ? "inode" : t.toString().toLowerCase(java.util.Locale.ROOT))
                + " (nlink " + Inodes.nlink(dev, ip) + ", " + dev.getLong(ip + BLOCKS) + " blocks) is not reachable from the root",
                tx -> {
                    if (t == null || c.state[ino] == 3) {
                        tx.undo(ip, SIZE);
                        new Inodes.Image(ino, Inodes.generation(dev, ip)).writeTo(tx, ip);
                    } else {
                        Reclaim.freeInode(tx, ino, ip, t);
                    }
                });
    }
}
