package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.DirentLayout.FIRST_POSITION;
import static org.pmnfs.pmem.layout.DirentLayout.SLOTS;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.pmnfs.pmem.layout.InodeLayout;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.vfs.BadCookieException;
import org.pmnfs.vfs.DirEntry;
import org.pmnfs.vfs.DirListing;
import org.pmnfs.vfs.EntryBudget;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.LookupResult;
import org.pmnfs.vfs.NoEntException;

/**
 * LOOKUP (through the DRAM index) and READDIR (over the dirent blocks, in chain and slot order).
 * A readdir position is PMFS2's: 0 is ".", 1 is "..", and slot s of the k-th block is
 * 2 + 255 k + s. The cookie of an entry is its position + 1 ("resume after me"), so cookies stay
 * valid while the entry exists, whatever else comes and goes.
 */
final class DirOps {

    private final PmemFs fs;
    private final PmemDevice dev;
    private final RemoveOps removeOps;

    DirOps(PmemFs fs, RemoveOps removeOps) {
        this.fs = fs;
        this.dev = fs.dev;
        this.removeOps = removeOps;
    }

    /**
     * Looks {@code name} up under the directory's read lock and reads the child's attributes
     * under the child's read lock, taken while still holding the directory's: at once with a
     * try-lock (cannot deadlock, it never waits), else by locking both in stripe order and looking
     * again.
     */
    LookupResult lookup(FileHandle dirH, FileName name) throws IOException {
        HandleCodec.InodeRef dr = fs.ref(dirH);
        long want = 0;
        while (true) {
            try (InodeLocks.Held held = fs.locks.readAll(dr.ino(), want)) {
                long dip = fs.live(dr);
                removeOps.requireDir(dr.ino(), dip);
                long child = child(dr.ino(), dip, name);
                if (held.covers(child)) {
                    return result(dr.ino(), dip, child);
                }
                java.util.concurrent.locks.Lock extra = fs.locks.tryRead(child);
                if (extra != null) {
                    try {
                        return result(dr.ino(), dip, child);
                    } finally {
                        extra.unlock();
                    }
                }
                want = child;
            }
        }
    }

    private long child(long dirIno, long dip, FileName name) throws NoEntException {
        if (name.isDot()) {
            return dirIno;
        }
        if (name.isDotDot()) {
            long p = dev.getLong(dip + InodeLayout.DIR_PARENT);
            return dirIno == InodeLayout.ROOT_INO || p == 0 ? InodeLayout.ROOT_INO : p;
        }
        DirIndex.Entry e = fs.dirs.index(dirIno, dip).get(name);
        if (e == null) {
            throw new NoEntException("'" + name + "' does not exist in directory inode " + dirIno);
        }
        return e.ino();
    }

    private LookupResult result(long dirIno, long dip, long child) {
        long cip = fs.inodeOffset(child);
        return new LookupResult(fs.handle(child, cip), fs.attrs(child, cip), fs.attrs(dirIno, dip));
    }

    /** The cookie verifier of a directory: its generation, fixed for the directory's life. */
    private long verifier(long dip) {
        return Inodes.generation(dev, dip);
    }

    /**
     * Lists from {@code cookie}. With attributes, each child's attributes are read without the
     * child's lock: the child cannot go away (this directory's entry holds it and the directory
     * is read-locked), though a concurrent write may show a size and mtime from either side.
     */
    DirListing readdir(FileHandle dirH, long cookie, long cookieVerifier, boolean withAttrs, EntryBudget budget)
            throws IOException {
        HandleCodec.InodeRef dr = fs.ref(dirH);
        try (InodeLocks.Held _ = fs.locks.read(dr.ino())) {
            long dip = fs.live(dr);
            removeOps.requireDir(dr.ino(), dip);
            long verf = verifier(dip);
            if (cookie != 0 && cookieVerifier != 0 && cookieVerifier != verf) {
                throw new BadCookieException("cookie verifier " + Long.toHexString(cookieVerifier) + " is not directory inode "
                        + dr.ino() + "'s " + Long.toHexString(verf));
            }
            if (cookie < 0) {
                throw new BadCookieException("cookie " + cookie + " is not one this server hands out");
            }
            FileAttributes da = fs.attrs(dr.ino(), dip);
            List<DirEntry> out = new ArrayList<>();
            long pos = cookie;
            if (pos == 0 && !offer(out, budget, 1, FileName.DOT, dr.ino(), withAttrs)) {
                return new DirListing(out, false, verf, da);
            }
            if (pos <= 1) {
                long p = dev.getLong(dip + InodeLayout.DIR_PARENT);
                long parent = dr.ino() == InodeLayout.ROOT_INO || p == 0 ? InodeLayout.ROOT_INO : p;
                if (!offer(out, budget, 2, FileName.DOT_DOT, parent, withAttrs)) {
                    return new DirListing(out, false, verf, da);
                }
                pos = FIRST_POSITION;
            }
            DirIndex d = fs.dirs.index(dr.ino(), dip);
            long rel = pos - FIRST_POSITION;
            for (int k = (int) Math.min(rel / SLOTS, Integer.MAX_VALUE); k < d.blockCount(); k++) {
                long b = OnMedia.blockOffset(d.block(k));
                int startSlot = k == rel / SLOTS ? (int) (rel % SLOTS) : 0;
                for (int s = 0; s < SLOTS; ) {
                    long r = Dirents.rec(b, s);
                    int n = Dirents.nde(dev, r);
                    if (n == 0) {
                        break;
                    }
                    long ino = Dirents.ino(dev, r);
                    if (s >= startSlot && ino != 0) {
                        long c = FIRST_POSITION + (long) k * SLOTS + s + 1;
                        if (!offer(out, budget, c, new FileName(Dirents.name(dev, r)), ino, withAttrs)) {
                            return new DirListing(out, false, verf, da);
                        }
                    }
                    s += n;
                }
            }
            return new DirListing(out, true, verf, da);
        }
    }

    private boolean offer(List<DirEntry> out, EntryBudget budget, long cookie, FileName name, long ino, boolean withAttrs) {
        FileHandle h = null;
        FileAttributes a = null;
        if (withAttrs) {
            long ip = fs.inodeOffset(ino);
            h = fs.handle(ino, ip);
            a = fs.attrs(ino, ip);
        }
        DirEntry e = new DirEntry(cookie, name, ino, h, a);
        if (!budget.tryAdd(e)) {
            return false;
        }
        out.add(e);
        return true;
    }
}
