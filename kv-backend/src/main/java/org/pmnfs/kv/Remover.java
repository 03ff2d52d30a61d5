package org.pmnfs.kv;

import java.io.IOException;
import java.util.function.LongConsumer;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.IsDirException;
import org.pmnfs.vfs.MLinkException;
import org.pmnfs.vfs.NoEntException;
import org.pmnfs.vfs.NotDirException;
import org.pmnfs.vfs.NotEmptyException;
import org.pmnfs.vfs.RenameResult;
import org.pmnfs.vfs.WccData;

/**
 * REMOVE, RMDIR and RENAME: each removes or moves entries, and frees an object whose last link
 * goes (its inode, chunks and symlink target), in one atomic batch, so a crash never leaves a
 * dangling entry, a leaked inode or orphaned chunks.
 */
final class Remover {

    private final KvContext cx;
    private final Directories dirs;
    private final FileData data;

    Remover(KvContext cx, Directories dirs, FileData data) {
        this.cx = cx;
        this.dirs = dirs;
        this.data = data;
    }

    WccData remove(FileHandle directory, FileName name, boolean wantDirectory) throws IOException {
        name.requireRemovable();
        Inode dir = cx.pin(directory);
        try {
            // The directory's lock first, then one lookup (entries change only under their
            // directory's lock), then the child's lock when it sorts after the directory.
            try (LockSet locks = LockSet.lock(cx.inodes, dir.ino)) {
                InodeRecord dr = dirs.requireDirectory(dir);
                DirentRecord found = dirs.find(dir.ino, name);
                if (found == null) {
                    throw new NoEntException("no '" + name + "' in directory " + dir.ino);
                }
                // On a shared store another server may have removed the entry's inode before
                // extend read it: look again after, as the fallback does.
                if (locks.extend(found.ino()) && (!cx.shared || Directories.same(found, dirs.find(dir.ino, name)))) {
                    return removeLocked(locks, dir, dr, name, found, wantDirectory);
                }
            }
            // The entry's inode sorts before the directory's: lock both in order, look again.
            while (true) {
                dirs.requireDirectory(dir);
                DirentRecord found = dirs.find(dir.ino, name);
                if (found == null) {
                    throw new NoEntException("no '" + name + "' in directory " + dir.ino);
                }
                try (LockSet locks = LockSet.lock(cx.inodes, dir.ino, found.ino())) {
                    InodeRecord dr = dirs.requireDirectory(dir);
                    if (!Directories.same(found, dirs.find(dir.ino, name))) {
                        continue;
                    }
                    return removeLocked(locks, dir, dr, name, found, wantDirectory);
                }
            }
        } finally {
            cx.inodes.unpin(dir);
        }
    }

    /** Removes entry {@code found}; the caller holds the locks of the directory and of the entry's inode. */
    private WccData removeLocked(LockSet locks, Inode dir, InodeRecord dr, FileName name, DirentRecord found,
                                 boolean wantDirectory) throws IOException {
        Inode child = locks.get(found.ino());
        InodeRecord cr = cx.live(child);
        if (wantDirectory && !cr.isDirectory()) {
            throw new NotDirException("'" + name + "' in directory " + dir.ino + " is a " + cr.type());
        }
        if (!wantDirectory && cr.isDirectory()) {
            throw new IsDirException("'" + name + "' in directory " + dir.ino + " is a directory");
        }
        if (wantDirectory && !dirs.isEmpty(child.ino)) {
            throw new NotEmptyException("directory '" + name + "' (inode " + child.ino + ") is not empty");
        }
        long now = cx.clock.now();
        KvBatch batch = new KvBatch();
        dirs.remove(batch, dir.ino, found);
        cx.expectEntry(batch, dir.ino, name, found);
        InodeRecord dr2 = dr.withDirectoryChange(wantDirectory ? -1 : 0, dr.nextCookie(), now);
        batch.put(KeyCodec.inode(dir.ino), dr2.encode());
        cx.expectInode(batch, dir);
        LongConsumer after = unlink(child, cr, now, batch);
        // 1. Entry, directory and the object's last link (inode, chunks, target) in one
        //    batch: a crash leaves the name and object, or neither.
        long version = cx.writeMetadata(batch);
        dir.setRecord(dr2);
        dir.stored(version);
        after.accept(version);
        return WccData.of(cx.attributes(dir.ino, dr), cx.attributes(dir.ino, dr2));
    }

    /**
     * Adds to {@code batch} the loss of one link to a locked inode: a lower nlink, or, for the last
     * link (or any directory), the inode and everything it owns. Returns what memory must do once
     * the batch is stored, given the version it was stored at.
     */
    private LongConsumer unlink(Inode n, InodeRecord r, long now, KvBatch batch) throws IOException {
        if (!r.isDirectory() && r.nlink() > 1) {
            data.settleLocked(n);
            InodeRecord r2 = cx.live(n).withNlink(r.nlink() - 1, now);
            batch.put(KeyCodec.inode(n.ino), r2.encode());
            cx.expectInode(batch, n);
            return version -> {
                n.setRecord(r2);
                n.stored(version);
            };
        }
        batch.delete(KeyCodec.inode(n.ino));
        cx.expectInode(batch, n);
        if (r.type() == FileType.SYMLINK) {
            batch.delete(KeyCodec.symlink(n.ino));
        } else if (r.type() == FileType.REGULAR) {
            data.removeInto(n, batch);
        }
        InodeRecord last = cx.live(n);
        return version -> {
            data.afterRemove(n);
            cx.liveInodes.decrementAndGet();
            cx.space.refund(SpaceAccount.usage(last.type(), last.size()));
        };
    }

    RenameResult rename(FileHandle fromDirectory, FileName fromName, FileHandle toDirectory, FileName toName)
            throws IOException {
        fromName.requireRemovable();
        toName.requireRemovable();
        Inode from = cx.pin(fromDirectory);
        try {
            Inode to = cx.pin(toDirectory);
            try {
                boolean cross = from.ino != to.ino;
                if (cross) {
                    cx.crossDirectoryRename.lock();
                }
                try {
                    return renameLoop(from, fromName, to, toName, cross);
                } finally {
                    if (cross) {
                        cx.crossDirectoryRename.unlock();
                    }
                }
            } finally {
                cx.inodes.unpin(to);
            }
        } finally {
            cx.inodes.unpin(from);
        }
    }

    private RenameResult renameLoop(Inode from, FileName fromName, Inode to, FileName toName, boolean cross)
            throws IOException {
        while (true) {
            dirs.requireDirectory(from);
            dirs.requireDirectory(to);
            DirentRecord src = dirs.find(from.ino, fromName);
            if (src == null) {
                throw new NoEntException("no '" + fromName + "' in directory " + from.ino);
            }
            DirentRecord tgt = dirs.find(to.ino, toName);
            try (LockSet locks = LockSet.lock(cx.inodes, from.ino, to.ino, src.ino(), tgt == null ? 0 : tgt.ino())) {
                if (!Directories.same(src, dirs.find(from.ino, fromName)) || !Directories.same(tgt, dirs.find(to.ino, toName))) {
                    continue;
                }
                return renameLocked(locks, from, fromName, to, toName, cross, src, tgt);
            }
        }
    }

    private RenameResult renameLocked(LockSet locks, Inode from, FileName fromName, Inode to, FileName toName,
                                      boolean cross, DirentRecord src, DirentRecord tgt) throws IOException {
        InodeRecord fr = dirs.requireDirectory(from);
        InodeRecord tr = cross ? dirs.requireDirectory(to) : fr;
        if (tgt != null && tgt.ino() == src.ino()) {
            // Onto itself or another link to the same object: POSIX says do nothing.
            return new RenameResult(WccData.of(cx.attributes(from.ino, fr), cx.attributes(from.ino, fr)),
                    WccData.of(cx.attributes(to.ino, tr), cx.attributes(to.ino, tr)));
        }
        Inode s = locks.get(src.ino());
        InodeRecord sr = cx.live(s);
        Inode t = tgt == null ? null : locks.get(tgt.ino());
        InodeRecord trec = t == null ? null : cx.live(t);
        boolean srcDir = sr.isDirectory();
        if (trec != null) {
            if (srcDir && !trec.isDirectory()) {
                throw new NotDirException("cannot replace non-directory '" + toName + "' with directory '" + fromName + "'");
            }
            if (!srcDir && trec.isDirectory()) {
                throw new IsDirException("cannot replace directory '" + toName + "' with non-directory '" + fromName + "'");
            }
            if (trec.isDirectory() && !dirs.isEmpty(t.ino)) {
                throw new NotEmptyException("directory '" + toName + "' (inode " + t.ino + ") is not empty");
            }
        }
        KvBatch batch = new KvBatch();
        if (srcDir && cross) {
            requireNotInside(to.ino, tr, s.ino, fromName, batch);
            if (trec == null && tr.nlink() >= KvContext.LINK_MAX) {
                throw new MLinkException("directory " + to.ino + " has " + tr.nlink() + " links, the limit is "
                        + KvContext.LINK_MAX);
            }
        }
        long now = cx.clock.now();
        dirs.remove(batch, from.ino, src);
        cx.expectEntry(batch, from.ino, fromName, src);
        cx.expectEntry(batch, to.ino, toName, tgt);
        long toDelta = srcDir && cross ? 1 : 0;
        LongConsumer afterTarget = version -> { };
        if (t != null) {
            batch.delete(KeyCodec.cookie(to.ino, tgt.cookie()));
            if (trec.isDirectory()) {
                toDelta -= 1;
            }
            afterTarget = unlink(t, trec, now, batch);
        }
        InodeRecord fr2;
        InodeRecord tr2;
        long cookie;
        if (cross) {
            fr2 = fr.withDirectoryChange(srcDir ? -1 : 0, fr.nextCookie(), now);
            cookie = tr.nextCookie();
            tr2 = tr.withDirectoryChange(toDelta, cookie + 1, now);
            batch.put(KeyCodec.inode(to.ino), tr2.encode());
            cx.expectInode(batch, to);
        } else {
            cookie = fr.nextCookie();
            fr2 = fr.withDirectoryChange(toDelta, cookie + 1, now);
            tr2 = fr2;
        }
        batch.put(KeyCodec.inode(from.ino), fr2.encode());
        cx.expectInode(batch, from);
        dirs.add(batch, to.ino, new DirentRecord(toName, s.ino, sr.type(), cookie));
        data.settleLocked(s);
        InodeRecord sr2 = srcDir && cross ? cx.live(s).withParent(to.ino, now) : cx.live(s).withNlink(sr.nlink(), now);
        batch.put(KeyCodec.inode(s.ino), sr2.encode());
        cx.expectInode(batch, s);
        // 1. Both entries, both directories, the moved object (ctime, "..") and a replaced target
        //    in one batch: after a crash the object has exactly one of the two names.
        long version = cx.writeMetadata(batch);
        from.setRecord(fr2);
        from.stored(version);
        if (cross) {
            to.setRecord(tr2);
            to.stored(version);
        }
        s.setRecord(sr2);
        s.stored(version);
        afterTarget.accept(version);
        return new RenameResult(WccData.of(cx.attributes(from.ino, fr), cx.attributes(from.ino, fr2)),
                WccData.of(cx.attributes(to.ino, tr), cx.attributes(to.ino, tr2)));
    }

    /**
     * INVAL when directory {@code dir} is {@code moved} or lies beneath it. Needs the
     * cross-directory rename lock; on a shared store, which other servers do not see, the batch
     * also requires every ancestor walked to be unchanged, so a concurrent move elsewhere that
     * would close a loop makes one of the two renames retry.
     */
    private void requireNotInside(long dir, InodeRecord dirRecord, long moved, FileName movedName, KvBatch batch)
            throws IOException {
        long a = dir;
        InodeRecord ar = dirRecord;
        for (int depth = 0; depth < 1_000_000; depth++) {
            if (a == moved) {
                throw new InvalException("cannot move directory '" + movedName + "' (inode " + moved
                        + ") into its own subtree (inode " + dir + ")");
            }
            if (a == InoAllocator.ROOT_INO || ar == null) {
                return;
            }
            a = ar.parent();
            ar = cx.peek(a, batch);
        }
        throw new InvalException("directory " + dir + " has an ancestry loop; refusing to rename into it");
    }
}
