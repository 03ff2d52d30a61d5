package org.pmnfs.pmem;

import static org.pmnfs.pmem.FsckProblem.Kind.*;
import static org.pmnfs.pmem.layout.InodeLayout.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.pmem.layout.RadixLayout;
import org.pmnfs.vfs.FileType;

/**
 * Reads the whole file system and reports every inconsistency, each with the fix repair would
 * apply; marks every referenced block in an allocator (which is how mount rebuilds the allocator
 * after a crash). Checks: the inode table and its stamps, every live inode's type, radix tree
 * (pointers in range, no block used twice, nothing past EOF, i_blocks), directories (chain,
 * cookie bases, records, names, targets, types, counts; see {@link DirScan}), symlinks,
 * reachability from the root, ".." and nlink. Writes nothing.
 */
final class Checker {

    /** A fix, applied in its own transaction by repair. */
    interface Fix {
        void apply(Tx tx);
    }

    /** A problem and how to fix it (null when it cannot be fixed). */
    record Finding(FsckProblem problem, Fix fix) {}

    final PmemDevice dev;
    final Geometry g;
    final BlockAllocator alloc;
    private final FsckProgress progress;
    final List<Finding> findings = new ArrayList<>();

    /** Per inode: 0 free, 1 live non-directory, 2 live directory, 3 live but unusable. */
    byte[] state;
    long[] offsets;
    /** Directory edges: parent ino, child ino, pool offset of the record. */
    long[] edgeFrom = new long[1024];
    long[] edgeTo = new long[1024];
    long[] edgeLoc = new long[1024];
    int edges;
    long live;
    long directories;

    Checker(PmemDevice dev, Geometry g, BlockAllocator alloc, FsckProgress progress) {
        this.dev = dev;
        this.g = g;
        this.alloc = alloc;
        this.progress = progress;
    }

    void problem(FsckProblem.Kind kind, long ino, String message, Fix fix) {
        findings.add(new Finding(new FsckProblem(kind, ino, message, fix != null), fix));
    }

    /** Marks {@code bn} used; false (and a finding) when it is outside the data area or already used. */
    boolean claim(long bn, long ino, String what, long pointerAt) {
        Fix clear = pointerAt < 0 ? null : tx -> {
            tx.undo(pointerAt, Long.BYTES);
            tx.putLong(pointerAt, 0);
        };
        if (!g.isDataBlock(bn)) {
            problem(BAD_POINTER, ino, what + " points at block " + bn + " (at byte " + pointerAt + "), outside the data area ["
                    + g.dataBn() + ", " + g.totalBlocks() + ")", clear);
            return false;
        }
        if (!alloc.markUsed(bn)) {
            problem(DOUBLE_BLOCK, ino, what + " uses block " + bn + " (pointer at byte " + pointerAt
                    + "), which something else already uses", clear);
            return false;
        }
        return true;
    }

    /** Runs every check. */
    Checker run() {
        alloc.clearAll();
        long itableBlocks = checkItable();
        if (itableBlocks < 0) {
            return this;
        }
        long cap = itableBlocks * PER_BLOCK;
        if (cap > Integer.MAX_VALUE) {
            problem(ITABLE, 0, "inode table of " + cap + " slots is larger than fsck handles", null);
            return this;
        }
        state = new byte[(int) cap];
        offsets = new long[(int) cap];
        for (long b = 0; b < itableBlocks; b++) {
            long base = OnMedia.blockOffset(RadixTree.lookup(dev, InodeTable.ITABLE, b));
            for (int s = 0; s < PER_BLOCK; s++) {
                offsets[(int) (b * PER_BLOCK + s)] = base + ((long) s << SHIFT);
            }
        }
        for (long ino = 1; ino < cap; ino++) {
            checkInode(ino);
            if ((ino & 4095) == 0) {
                progress.update("inodes", ino, cap);
            }
        }
        progress.update("inodes", cap, cap);
        DirScan dirs = new DirScan(this);
        for (long ino = 1; ino < cap; ino++) {
            if (state[(int) ino] == 2) {
                dirs.scan(ino, offsets[(int) ino]);
            }
            if ((ino & 4095) == 0) {
                progress.update("directories", ino, cap);
            }
        }
        progress.update("directories", cap, cap);
        new Reachability(this).run();
        return this;
    }

    /** Walks the itable tree; returns its block count, or -1 when it is unusable. */
    private long checkItable() {
        long ip = InodeTable.ITABLE;
        long size = dev.getLong(ip + SIZE_FIELD);
        long n = size / OnMedia.BLOCK_SIZE;
        long[] count = {0};
        boolean[] ok = {true};
        walk(0, ip, "inode table", count, ok);
        for (long i = 0; i < n && ok[0]; i++) {
            if (RadixTree.lookup(dev, ip, i) == 0) {
                problem(ITABLE, 0, "inode table block " + i + " of " + n + " is not mapped", null);
                ok[0] = false;
            }
        }
        if (!ok[0]) {
            return -1;
        }
        if (count[0] != dev.getLong(ip + BLOCKS)) {
            long c = count[0];
            problem(BLOCK_COUNT, 0, "inode table i_blocks is " + dev.getLong(ip + BLOCKS) + ", it maps " + c, tx -> {
                tx.undo(ip + BLOCKS, Long.BYTES);
                tx.putLong(ip + BLOCKS, c);
            });
        }
        progress.update("inode table", n, n);
        return n;
    }

    /** Walks a radix tree, claiming its blocks; counts data blocks and reports blocks past {@code size}. */
    private void walk(long ino, long ip, String what, long[] count, boolean[] ok) {
        long root = dev.getLong(ip + ROOT);
        int h = dev.getByte(ip + HEIGHT) & 0xff;
        if (root == 0) {
            return;
        }
        if (h > RadixLayout.MAX_HEIGHT) {
            problem(BAD_POINTER, ino, what + " has radix height " + h + " (at most 3)", tx -> {
                tx.undo(ip, HOT_BYTES);
                tx.putLong(ip + ROOT, 0);
                tx.putByte(ip + HEIGHT, (byte) 0);
            });
            ok[0] = false;
            return;
        }
        if (!claim(root, ino, what + " root", ip + ROOT)) {
            ok[0] = false;
            return;
        }
        walkNode(ino, root, h, 0, what, count, ok);
    }

    private void walkNode(long ino, long bn, int level, long base, String what, long[] count, boolean[] ok) {
        if (level == 0) {
            count[0]++;
            return;
        }
        long off = OnMedia.blockOffset(bn);
        long childCap = RadixLayout.capacity(level - 1);
        for (int s = 0; s < RadixLayout.FANOUT; s++) {
            long child = dev.getLong(off + (long) s * Long.BYTES);
            if (child == 0) {
                continue;
            }
            if (!claim(child, ino, what + " block index " + (base + s * childCap), off + (long) s * Long.BYTES)) {
                ok[0] = false;
                continue;
            }
            walkNode(ino, child, level - 1, base + s * childCap, what, count, ok);
        }
    }

    private void checkInode(long ino) {
        long ip = offsets[(int) ino];
        if (dev.getLong(ip + INO) != ino) {
            long stamp = dev.getLong(ip + INO);
            problem(ITABLE_STAMP, ino, "slot holds i_ino " + stamp, tx -> {
                tx.undo(ip + INO, Long.BYTES);
                tx.putLong(ip + INO, ino);
            });
        }
        if (dev.getInt(ip + NLINK) == 0) {
            return;
        }
        live++;
        int mode = Inodes.mode(dev, ip);
        FileType t = Inodes.typeOf(mode);
        if (t == null) {
            state[(int) ino] = 3;
            problem(BAD_MODE, ino, "mode 0" + Integer.toOctalString(mode) + " has no known file type", tx -> {
                tx.undo(ip, SIZE);
                new Inodes.Image(ino, Inodes.generation(dev, ip)).writeTo(tx, ip);
            });
            return;
        }
        state[(int) ino] = (byte) (t == FileType.DIRECTORY ? 2 : 1);
        switch (t) {
            case REGULAR -> checkFile(ino, ip);
            case SYMLINK -> checkSymlink(ino, ip);
            case DIRECTORY -> directories++;
            default -> { }
        }
    }

    private void checkFile(long ino, long ip) {
        long[] count = {0};
        boolean[] ok = {true};
        walk(ino, ip, "file", count, ok);
        if (!ok[0]) {
            return;
        }
        long size = Inodes.size(dev, ip);
        long keep = (size + OnMedia.BLOCK_SIZE - 1) / OnMedia.BLOCK_SIZE;
        int h = dev.getByte(ip + HEIGHT) & 0xff;
        long lastMapped = lastMapped(dev.getLong(ip + ROOT), h);
        if (lastMapped >= keep) {
            problem(BEYOND_EOF, ino, "block index " + lastMapped + " is mapped but the size " + size + " ends at block "
                    + keep, tx -> RadixTree.truncate(tx, ip, keep));
            return;
        }
        long blocks = dev.getLong(ip + BLOCKS);
        if (blocks != count[0]) {
            long c = count[0];
            problem(BLOCK_COUNT, ino, "i_blocks is " + blocks + ", the tree maps " + c + " data blocks", tx -> {
                tx.undo(ip + BLOCKS, Long.BYTES);
                tx.putLong(ip + BLOCKS, c);
            });
        }
    }

    /** The highest mapped block index, or -1 (the tree's pointers were checked already). */
    private long lastMapped(long node, int level) {
        if (node == 0) {
            return -1;
        }
        long base = 0;
        while (level > 0) {
            long off = OnMedia.blockOffset(node);
            int s = RadixLayout.FANOUT - 1;
            while (s >= 0 && dev.getLong(off + (long) s * Long.BYTES) == 0) {
                s--;
            }
            if (s < 0) {
                return base == 0 ? -1 : base;
            }
            base += s * RadixLayout.capacity(level - 1);
            node = dev.getLong(off + (long) s * Long.BYTES);
            level--;
        }
        return base;
    }

    private void checkSymlink(long ino, long ip) {
        long len = Inodes.size(dev, ip);
        Fix free = tx -> {
            tx.undo(ip, SIZE);
            new Inodes.Image(ino, Inodes.generation(dev, ip)).writeTo(tx, ip);
        };
        if (len < 1 || len > SYMLINK_MAX) {
            problem(SYMLINK, ino, "symlink length " + len + " is outside 1.." + SYMLINK_MAX, free);
            return;
        }
        long blocks = dev.getLong(ip + BLOCKS);
        long want = len > SYMLINK_INLINE_MAX ? 1 : 0;
        if (want == 1) {
            long bn = dev.getLong(ip + SYM_BN);
            if (!claim(bn, ino, "symlink target", ip + SYM_BN)) {
                return;
            }
            if (dev.getLong(ip + SYM_DPP) != OnMedia.blockOffset(bn)) {
                problem(SYMLINK, ino, "i_sym_dpp " + dev.getLong(ip + SYM_DPP) + " is not block " + bn + "'s offset", tx -> {
                    tx.undo(ip + SYM_DPP, Long.BYTES);
                    tx.putLong(ip + SYM_DPP, OnMedia.blockOffset(bn));
                });
            }
        }
        if (blocks != want) {
            problem(BLOCK_COUNT, ino, "symlink i_blocks is " + blocks + ", expected " + want, tx -> {
                tx.undo(ip + BLOCKS, Long.BYTES);
                tx.putLong(ip + BLOCKS, want);
            });
        }
    }

    void addEdge(long from, long to, long loc) {
        if (edges == edgeFrom.length) {
            edgeFrom = Arrays.copyOf(edgeFrom, edges * 2);
            edgeTo = Arrays.copyOf(edgeTo, edges * 2);
            edgeLoc = Arrays.copyOf(edgeLoc, edges * 2);
        }
        edgeFrom[edges] = from;
        edgeTo[edges] = to;
        edgeLoc[edges] = loc;
        edges++;
    }

    /** True when {@code ino} is a slot of the table. */
    boolean inTable(long ino) {
        return state != null && ino >= 1 && ino < state.length;
    }

    List<FsckProblem> problems() {
        List<FsckProblem> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(f.problem());
        }
        return out;
    }

    /** Blocks of the data area in use. */
    long usedBlocks() {
        return alloc.dataBlocks() - alloc.freeBlocks();
    }
}
