package org.pmnfs.kv;

import java.io.IOException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.IsDirException;
import org.pmnfs.vfs.NotSyncException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.WccData;

/** GETATTR and SETATTR: attributes come from the exact in-memory record; a change is one synced batch. */
final class Attributes {

    private final KvContext cx;
    private final FileData data;

    Attributes(KvContext cx, FileData data) {
        this.cx = cx;
        this.data = data;
    }

    FileAttributes getattr(FileHandle object) throws IOException {
        Inode n = cx.pin(object);
        try {
            return cx.attributes(n.ino, cx.live(n));
        } finally {
            cx.inodes.unpin(n);
        }
    }

    WccData setattr(FileHandle object, SetAttributes attrs, Long guardCtimeNanos) throws IOException {
        Inode n = cx.pin(object);
        try {
            n.lock.writeLock().lock();
            try {
                return setLocked(n, attrs, guardCtimeNanos);
            } finally {
                n.lock.writeLock().unlock();
            }
        } finally {
            cx.inodes.unpin(n);
        }
    }

    /** SETATTR on a pinned, write-locked inode. */
    WccData setLocked(Inode n, SetAttributes a, Long guardCtimeNanos) throws IOException {
        InodeRecord before = cx.live(n);
        if (guardCtimeNanos != null && before.ctime() != guardCtimeNanos) {
            throw new NotSyncException("inode " + n.ino + ": ctime is " + before.ctime() + ", the guard expected "
                    + guardCtimeNanos);
        }
        if (a.size() != null) {
            if (before.type() == FileType.DIRECTORY) {
                throw new IsDirException("cannot set the size of directory " + n.ino);
            }
            if (before.type() != FileType.REGULAR) {
                throw new InvalException("cannot set the size of inode " + n.ino + ", a " + before.type());
            }
            if (a.size() > KvContext.MAX_FILE_SIZE) {
                throw new org.pmnfs.vfs.FBigException("size " + a.size() + " of inode " + n.ino
                        + " exceeds the maximum file size " + KvContext.MAX_FILE_SIZE);
            }
        }
        FileAttributes beforeAttrs = cx.attributes(n.ino, before);
        if (a.isEmpty()) {
            return WccData.of(beforeAttrs, beforeAttrs);
        }
        // Store pending UNSTABLE data first, so the record written below covers the stored chunks
        // and a truncate starts from a clean inode.
        data.settleLocked(n);
        long now = cx.clock.now();
        InodeRecord r = cx.live(n);
        r = r.withOwnerAndMode(a.mode() != null ? a.mode() : r.mode(), a.uid() != null ? a.uid() : r.uid(),
                a.gid() != null ? a.gid() : r.gid());
        long atime = a.atime().changes() ? a.atime().resolve(now) : r.atime();
        long mtime = a.mtime().changes() ? a.mtime().resolve(now) : (a.size() != null ? now : r.mtime());
        r = r.withTimes(atime, mtime, now);
        KvBatch batch = new KvBatch();
        long delta = 0;
        if (a.size() != null) {
            data.truncateInto(n, a.size(), batch);
            delta = SpaceAccount.usage(r.type(), a.size()) - SpaceAccount.usage(r.type(), r.size());
            r = r.withSize(a.size(), r.mtime(), r.ctime());
        }
        batch.put(KeyCodec.inode(n.ino), r.encode());
        cx.expectInode(batch, n);
        if (delta > 0) {
            cx.space.charge(delta, "growing inode " + n.ino + " to " + a.size() + " bytes");
        }
        // 1. The new record with any chunk deletes of a shrink, in one batch: a crash leaves the
        //    old size with all its chunks, or the new size with none past it.
        long version;
        try {
            version = cx.writeMetadata(batch);
        } catch (IOException e) {
            if (delta > 0) {
                cx.space.refund(delta);
            }
            throw e;
        }
        if (delta < 0) {
            cx.space.refund(-delta);
        }
        if (a.size() != null) {
            data.afterTruncate(n, a.size());
        }
        n.setRecord(r);
        n.stored(version);
        return WccData.of(beforeAttrs, cx.attributes(n.ino, r));
    }
}
