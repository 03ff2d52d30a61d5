package org.pmnfs.kv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.pmnfs.vfs.BadCookieException;
import org.pmnfs.vfs.DirEntry;
import org.pmnfs.vfs.DirListing;
import org.pmnfs.vfs.EntryBudget;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.LookupResult;
import org.pmnfs.vfs.NfsIoException;
import org.pmnfs.vfs.NoEntException;

/**
 * LOOKUP (a point get on the entry's name), READLINK and READDIR (a scan of the entries by
 * cookie). Reads take no inode locks: each sees a consistent snapshot of the store.
 */
final class Lister {

    private final KvContext cx;
    private final Directories dirs;

    Lister(KvContext cx, Directories dirs) {
        this.cx = cx;
        this.dirs = dirs;
    }

    LookupResult lookup(FileHandle directory, FileName name) throws IOException {
        Inode dir = cx.pin(directory);
        try {
            InodeRecord dr = dirs.requireDirectory(dir);
            long ino;
            if (name.isDot()) {
                ino = dir.ino;
            } else if (name.isDotDot()) {
                ino = dr.parent();
            } else {
                DirentRecord e = dirs.find(dir.ino, name);
                if (e == null) {
                    throw new NoEntException("no '" + name + "' in directory " + dir.ino);
                }
                ino = e.ino();
            }
            InodeRecord r = ino == dir.ino ? dr : cx.peek(ino);
            if (r == null) {
                throw new NoEntException("'" + name + "' in directory " + dir.ino + " was removed meanwhile");
            }
            return new LookupResult(cx.handle(ino, r), cx.attributes(ino, r), cx.attributes(dir.ino, dr));
        } finally {
            cx.inodes.unpin(dir);
        }
    }

    byte[] readlink(FileHandle symlink) throws IOException {
        Inode n = cx.pin(symlink);
        try {
            InodeRecord r = cx.live(n);
            if (r.type() != FileType.SYMLINK) {
                throw new InvalException("inode " + n.ino + " is a " + r.type() + ", not a symbolic link");
            }
            byte[] target = cx.store.get(KeyCodec.symlink(n.ino));
            if (target == null) {
                throw new NfsIoException("symbolic link " + n.ino + " has no stored target");
            }
            return target;
        } finally {
            cx.inodes.unpin(n);
        }
    }

    DirListing readdir(FileHandle directory, long cookie, long cookieVerifier, boolean withAttributes, EntryBudget budget)
            throws IOException {
        Inode dir = cx.pin(directory);
        try {
            InodeRecord dr = dirs.requireDirectory(dir);
            long verifier = dr.generation();
            if (cookie != 0 && cookieVerifier != 0 && cookieVerifier != verifier) {
                throw new BadCookieException("directory " + dir.ino + ": cookie verifier " + Long.toHexString(cookieVerifier)
                        + " is not the current " + Long.toHexString(verifier));
            }
            if (cookie < 0 || cookie >= dr.nextCookie()) {
                throw new BadCookieException("directory " + dir.ino + ": cookie " + cookie + " was never handed out (next is "
                        + dr.nextCookie() + ")");
            }
            List<DirEntry> out = new ArrayList<>();
            boolean[] full = {false};
            if (cookie < DirentRecord.DOT_COOKIE
                    && !offer(out, budget, DirentRecord.DOT_COOKIE, FileName.DOT, dir.ino, dr, withAttributes)) {
                return new DirListing(out, false, verifier, cx.attributes(dir.ino, dr));
            }
            if (cookie < DirentRecord.DOT_DOT_COOKIE) {
                InodeRecord pr = dr.parent() == dir.ino ? dr : cx.peek(dr.parent());
                if (!offer(out, budget, DirentRecord.DOT_DOT_COOKIE, FileName.DOT_DOT, dr.parent(), pr, withAttributes)) {
                    return new DirListing(out, false, verifier, cx.attributes(dir.ino, dr));
                }
            }
            long from = Math.max(cookie + 1, DirentRecord.FIRST_COOKIE);
            cx.store.scan(KeyCodec.cookie(dir.ino, from), KeyCodec.cookiesEnd(dir.ino), (k, v) -> {
                DirentRecord e = DirentRecord.decodeByCookie(dir.ino, KeyCodec.secondId(k), v);
                InodeRecord r = withAttributes ? cx.peek(e.ino()) : null;
                if (withAttributes && r == null) {
                    return true; // removed since the snapshot: skip it
                }
                if (!offer(out, budget, e.cookie(), e.name(), e.ino(), r, withAttributes)) {
                    full[0] = true;
                    return false;
                }
                return true;
            });
            return new DirListing(out, !full[0], verifier, cx.attributes(dir.ino, dr));
        } finally {
            cx.inodes.unpin(dir);
        }
    }

    private boolean offer(List<DirEntry> out, EntryBudget budget, long cookie, FileName name, long ino, InodeRecord r,
                          boolean withAttributes) {
        DirEntry e = withAttributes && r != null
                ? new DirEntry(cookie, name, ino, cx.handle(ino, r), cx.attributes(ino, r))
                : new DirEntry(cookie, name, ino, null, null);
        if (!budget.tryAdd(e)) {
            return false;
        }
        out.add(e);
        return true;
    }
}
