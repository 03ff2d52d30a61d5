package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.InodeLayout.*;

import java.io.IOException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.IsDirException;
import org.pmnfs.vfs.MLinkException;
import org.pmnfs.vfs.NoEntException;
import org.pmnfs.vfs.NotDirException;
import org.pmnfs.vfs.NotEmptyException;
import org.pmnfs.vfs.RenameResult;
import org.pmnfs.vfs.WccData;

/**
 * RENAME, atomic across power loss (PMFS2 removed and re-added entries with no atomicity and
 * left a moved directory's ".." pointing at its old parent). Cross-directory renames hold the
 * rename lock so the check that refuses moving a directory into its own subtree sees a stable
 * tree.
 */
final class RenameOps {

    private final PmemFs fs;
    private final PmemDevice dev;
    private final RemoveOps removeOps;

    RenameOps(PmemFs fs, RemoveOps removeOps) {
        this.fs = fs;
        this.dev = fs.dev;
        this.removeOps = removeOps;
    }

    RenameResult rename(FileHandle fromH, FileName fromName, FileHandle toH, FileName toName) throws IOException {
        fromName.requireRemovable();
        toName.requireRemovable();
        HandleCodec.InodeRef fr = fs.ref(fromH);
        HandleCodec.InodeRef tr = fs.ref(toH);
        boolean cross = fr.ino() != tr.ino();
        if (cross) {
            fs.renameLock.lock();
        }
        try {
            long wantSrc = 0;
            long wantTgt = 0;
            while (true) {
                try (InodeLocks.Held held = fs.locks.writeAll(fr.ino(), tr.ino(), wantSrc, wantTgt)) {
                    long fdip = fs.live(fr);
                    removeOps.requireDir(fr.ino(), fdip);
                    long tdip = fs.live(tr);
                    removeOps.requireDir(tr.ino(), tdip);
                    DirIndex fd = fs.dirs.index(fr.ino(), fdip);
                    DirIndex td = fs.dirs.index(tr.ino(), tdip);
                    DirIndex.Entry se = fd.get(fromName);
                    if (se == null) {
                        throw new NoEntException("'" + fromName + "' does not exist in directory inode " + fr.ino());
                    }
                    DirIndex.Entry te = td.get(toName);
                    long src = se.ino();
                    long tgt = te == null ? 0 : te.ino();
                    if (!held.covers(src) || (tgt != 0 && !held.covers(tgt))) {
                        wantSrc = src;
                        wantTgt = tgt;
                        continue;
                    }
                    return renameLocked(fr.ino(), fdip, fd, fromName, tr.ino(), tdip, td, toName, src, tgt);
                }
            }
        } finally {
            if (cross) {
                fs.renameLock.unlock();
            }
        }
    }

    /**
     * With every inode locked, one transaction:
     * (1) if the target name exists, remove its dirent and drop that link (freeing a replaced
     *     empty directory, lowering the target directory's nlink for it);
     * (2) remove the source dirent;
     * (3) insert the target dirent naming the source inode (reusing the slots (1) freed when
     *     there were any, else maybe a fresh dirent block);
     * (4) for a directory moved to another parent: its i_dir_parent (".."), and both parents'
     *     nlink; free the source directory's chain if it emptied;
     * (5) times; (6) commit. A crash before (6) completes leaves the old names exactly as they were.
     */
    private RenameResult renameLocked(long fromIno, long fdip, DirIndex fd, FileName fromName, long toIno, long tdip,
                                      DirIndex td, FileName toName, long src, long tgt) throws IOException {
        FileAttributes fromBefore = fs.attrs(fromIno, fdip);
        FileAttributes toBefore = fs.attrs(toIno, tdip);
        if (src == tgt) {
            return new RenameResult(WccData.of(fromBefore, fromBefore), WccData.of(toBefore, toBefore));
        }
        long sip = fs.inodeOffset(src);
        FileType st = Inodes.typeOf(Inodes.mode(dev, sip));
        long tip = tgt == 0 ? 0 : fs.inodeOffset(tgt);
        FileType tt = tgt == 0 ? null : Inodes.typeOf(Inodes.mode(dev, tip));
        boolean moveDir = st == FileType.DIRECTORY;
        boolean cross = fromIno != toIno;
        if (moveDir) {
            if (tgt != 0 && tt != FileType.DIRECTORY) {
                throw new NotDirException("cannot replace '" + toName + "' (a " + tt + ") with directory '" + fromName + "'");
            }
            if (tgt != 0 && dev.getLong(tip + DIR_NDENTS) != 0) {
                throw new NotEmptyException("cannot replace directory '" + toName + "': it has "
                        + dev.getLong(tip + DIR_NDENTS) + " entries");
            }
            if (cross) {
                refuseCycle(src, toIno, fromName);
                if (tgt == 0 && toBefore.nlink() >= LINK_MAX) {
                    throw new MLinkException("directory inode " + toIno + " has " + toBefore.nlink() + " links, the limit");
                }
            }
        } else if (tt == FileType.DIRECTORY) {
            throw new IsDirException("cannot replace directory '" + toName + "' with non-directory '" + fromName + "'");
        }
        long need = tgt != 0 ? 0 : fs.dirs.blocksForInsert(td, toName);
        long now = fs.clock.now();
        try (BlockAllocator.Reservation res = fs.alloc.reserve(need); Tx tx = fs.begin()) {
            tx.undo(sip, SIZE);
            tx.undo(fdip, SIZE);
            tx.undo(tdip, SIZE);
            if (tgt != 0) {
                fs.dirs.remove(tx, tdip, td, toName);
                if (tt == FileType.DIRECTORY) {
                    tx.putInt(tdip + NLINK, (int) (Inodes.nlink(dev, tdip) - 1));
                }
                removeOps.dropLink(tx, tgt, tip, tt, now);
            }
            fs.dirs.remove(tx, fdip, fd, fromName);
            fs.dirs.insert(tx, tdip, td, toName, src, direntType(Inodes.mode(dev, sip)), res);
            if (moveDir && cross) {
                tx.putLong(sip + DIR_PARENT, toIno);
                tx.putInt(fdip + NLINK, (int) (Inodes.nlink(dev, fdip) - 1));
                tx.putInt(tdip + NLINK, (int) (Inodes.nlink(dev, tdip) + 1));
            }
            fs.dirs.releaseIfEmpty(tx, fdip, fd);
            tx.putLong(fdip + MTIME, now);
            tx.putLong(fdip + CTIME, now);
            tx.putLong(tdip + MTIME, now);
            tx.putLong(tdip + CTIME, now);
            tx.putLong(sip + CTIME, now);
            tx.commit();
        } catch (IOException | RuntimeException ex) {
            fs.dirs.drop(fromIno);
            fs.dirs.drop(toIno);
            throw ex;
        }
        return new RenameResult(WccData.of(fromBefore, fs.attrs(fromIno, fdip)), WccData.of(toBefore, fs.attrs(toIno, tdip)));
    }

    /** Refuses to move directory {@code src} under {@code newParent} when that is {@code src} or below it. */
    private void refuseCycle(long src, long newParent, FileName name) throws InvalException {
        long p = newParent;
        for (long steps = 0; p != 0 && steps <= fs.itable.capacity(); steps++) {
            if (p == src) {
                throw new InvalException("cannot move directory '" + name + "' (inode " + src + ") into its own subtree");
            }
            if (p == ROOT_INO) {
                return;
            }
            p = dev.getLong(fs.inodeOffset(p) + DIR_PARENT);
        }
    }
}
