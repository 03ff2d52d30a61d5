package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.InodeLayout.*;

import java.io.IOException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.IsDirException;
import org.pmnfs.vfs.NoEntException;
import org.pmnfs.vfs.NotDirException;
import org.pmnfs.vfs.NotEmptyException;
import org.pmnfs.vfs.WccData;

/**
 * REMOVE and RMDIR, and the inode freeing they share with RENAME. One transaction removes the
 * dirent, updates the parent, and lowers the child's nlink or frees it; the child's blocks and
 * inode number return to the allocators only after that transaction is durable.
 */
final class RemoveOps {

    private final PmemFs fs;
    private final PmemDevice dev;

    RemoveOps(PmemFs fs) {
        this.fs = fs;
        this.dev = fs.dev;
    }

    /** A directory and one child, locked together. */
    record Locked(InodeLocks.Held held, long dip, long childIno) implements AutoCloseable {
        @Override
        public void close() {
            held.close();
        }
    }

    /**
     * Locks directory {@code dr} and the inode that {@code name} names in it (0 if none). The
     * child is only known after reading the directory, so: lock the directory, look up, and if
     * the child's stripe is not held, unlock and lock both in order, then look again; repeat
     * until the name resolves to a held inode.
     */
    Locked lockWithChild(HandleCodec.InodeRef dr, FileName name) throws IOException {
        long want = 0;
        while (true) {
            InodeLocks.Held held = fs.locks.writeAll(dr.ino(), want);
            boolean ok = false;
            try {
                long dip = fs.live(dr);
                requireDir(dr.ino(), dip);
                DirIndex.Entry e = fs.dirs.index(dr.ino(), dip).get(name);
                long child = e == null ? 0 : e.ino();
                if (child == 0 || held.covers(child)) {
                    ok = true;
                    return new Locked(held, dip, child);
                }
                want = child;
            } finally {
                if (!ok) {
                    held.close();
                }
            }
        }
    }

    void requireDir(long ino, long ip) throws NotDirException {
        FileType t = Inodes.typeOf(Inodes.mode(dev, ip));
        if (t != FileType.DIRECTORY) {
            throw new NotDirException("inode " + ino + " is a " + t + ", not a directory");
        }
    }

    WccData remove(FileHandle dir, FileName name) throws IOException {
        return removeEntry(dir, name, false);
    }

    WccData rmdir(FileHandle dir, FileName name) throws IOException {
        return removeEntry(dir, name, true);
    }

    /**
     * One transaction: (1) log and free the dirent (merging free neighbours); (2) parent:
     * ndents - 1, mtime/ctime, nlink - 1 for a subdirectory, and free its dirent chain if it
     * emptied; (3) child: nlink - 1 and ctime, or, at 0, truncate and clear the slot (keeping
     * i_ino and i_generation); (4) commit. Only then do the freed blocks and the inode number
     * become reusable. A crash before (4) completes restores the entry and the counts.
     */
    private WccData removeEntry(FileHandle dirH, FileName name, boolean dirWanted) throws IOException {
        name.requireRemovable();
        HandleCodec.InodeRef dr = fs.ref(dirH);
        try (Locked lk = lockWithChild(dr, name)) {
            long dip = lk.dip();
            long ino = lk.childIno();
            if (ino == 0) {
                throw new NoEntException("'" + name + "' does not exist in directory inode " + dr.ino());
            }
            long cip = fs.inodeOffset(ino);
            FileType t = Inodes.typeOf(Inodes.mode(dev, cip));
            if (dirWanted && t != FileType.DIRECTORY) {
                throw new NotDirException("'" + name + "' (inode " + ino + ") is a " + t + ", not a directory");
            }
            if (!dirWanted && t == FileType.DIRECTORY) {
                throw new IsDirException("'" + name + "' (inode " + ino + ") is a directory; use rmdir");
            }
            if (dirWanted && dev.getLong(cip + DIR_NDENTS) != 0) {
                throw new NotEmptyException("directory '" + name + "' (inode " + ino + ") has "
                        + dev.getLong(cip + DIR_NDENTS) + " entries");
            }
            FileAttributes before = fs.attrs(dr.ino(), dip);
            DirIndex d = fs.dirs.index(dr.ino(), dip);
            long now = fs.clock.now();
            try (Tx tx = fs.begin()) {
                fs.dirs.logRemove(tx, dip, d, name);
                tx.undo(cip, SIZE);
                fs.dirs.remove(tx, dip, d, name);
                fs.dirs.releaseIfEmpty(tx, dip, d);
                tx.putLong(dip + MTIME, now);
                tx.putLong(dip + CTIME, now);
                if (t == FileType.DIRECTORY) {
                    tx.putInt(dip + NLINK, (int) (Inodes.nlink(dev, dip) - 1));
                }
                dropLink(tx, ino, cip, t, now);
                tx.commit();
            } catch (IOException | RuntimeException ex) {
                fs.dirs.drop(dr.ino());
                throw ex;
            }
            return WccData.of(before, fs.attrs(dr.ino(), dip));
        }
    }

    /**
     * Removes one link to {@code ino} inside {@code tx}: a directory (always its last link, its
     * entries already gone) or a file at nlink 1 is freed, else nlink drops by one.
     */
    void dropLink(Tx tx, long ino, long ip, FileType t, long now) {
        long n = Inodes.nlink(dev, ip);
        tx.undo(ip, SIZE);
        if (t == FileType.DIRECTORY || n <= 1) {
            free(tx, ino, ip, t);
        } else {
            tx.putInt(ip + NLINK, (int) (n - 1));
            tx.putLong(ip + CTIME, now);
        }
    }

    /**
     * Frees inode {@code ino} inside {@code tx}: its blocks (radix tree, long symlink block, an
     * emptied directory's chain) and its slot, which becomes zero except i_ino and i_generation
     * (the next user bumps the generation, so old handles go stale). DRAM state (free list,
     * directory index, pending writes) follows after the commit.
     */
    void free(Tx tx, long ino, long ip, FileType t) {
        Reclaim.freeInode(tx, ino, ip, t);
        tx.onCommit(() -> {
            fs.itable.released(ino);
            fs.pending.drop(ino);
            fs.dirs.drop(ino);
        });
    }
}
