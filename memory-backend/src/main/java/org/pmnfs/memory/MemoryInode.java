package org.pmnfs.memory;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StaleException;

/**
 * One object of the memory store: identity, permission and ownership, link count and times, and a
 * read-write lock. Subclasses add the data of each type.
 *
 * <p>Every mutable field (here and in subclasses) is guarded by {@link #lock}. Each change ends
 * with {@link #publish()}, which stores an immutable {@link FileAttributes} snapshot in a volatile
 * field: GETATTR, LOOKUP and READDIRPLUS read it without taking any lock, so they never wait for a
 * writer and never need a second lock (see {@link MemoryBackend} for the lock order).
 */
abstract sealed class MemoryInode permits MemoryFile, MemoryDirectory, MemorySymlink, MemorySpecial {

    final InodeIdentity id;

    /** Guards the fields below and the subclasses' state. */
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private int mode;
    private int uid;
    private int gid;
    private long nlink;
    private long atime;
    private long mtime;
    private long ctime;
    private boolean dead;

    private volatile FileAttributes published;

    MemoryInode(InodeIdentity id, SetAttributes initial, int defaultMode, long nlink, long now) {
        this.id = id;
        this.mode = initial.mode() == null ? defaultMode : initial.mode();
        this.uid = initial.uid() == null ? 0 : initial.uid();
        this.gid = initial.gid() == null ? 0 : initial.gid();
        this.nlink = nlink;
        this.atime = initial.atime().changes() ? initial.atime().resolve(now) : now;
        this.mtime = initial.mtime().changes() ? initial.mtime().resolve(now) : now;
        this.ctime = now;
    }

    abstract FileType type();

    /** The size attribute. Called with the lock held. */
    abstract long size();

    /** The used attribute: bytes of data held. Called with the lock held. */
    abstract long used();

    int rdevMajor() {
        return 0;
    }

    int rdevMinor() {
        return 0;
    }

    final long ino() {
        return id.ino();
    }

    final FileHandle handle() {
        return id.handle();
    }

    final Lock readLock() {
        return lock.readLock();
    }

    final Lock writeLock() {
        return lock.writeLock();
    }

    /** The attributes as of the last completed change; needs no lock. */
    final FileAttributes attributes() {
        return published;
    }

    /** Snapshots the attributes for lock-free readers. Called with the write lock held (or before the inode is shared). */
    final FileAttributes publish() {
        FileAttributes a = new FileAttributes(type(), mode, nlink, uid, gid, size(), used(), rdevMajor(), rdevMinor(),
                id.fsid(), id.ino(), atime, mtime, ctime);
        published = a;
        return a;
    }

    /** Fails with STALE once the inode has been freed, for callers that found it before it was. Lock held. */
    final void requireAlive() throws StaleException {
        if (dead) {
            throw new StaleException("inode " + id.ino() + " (generation " + id.generation() + ") was removed");
        }
    }

    final boolean isDead() {
        return dead;
    }

    /** Marks the inode freed; later calls that still hold it fail with STALE. Write lock held. */
    final void markDead() {
        dead = true;
    }

    final long nlink() {
        return nlink;
    }

    final void addLinks(long delta) {
        long n = nlink + delta;
        if (n < 0) {
            throw new IllegalStateException("inode " + id.ino() + ": nlink would drop below zero");
        }
        nlink = n;
    }

    /** Data changed: mtime and ctime become {@code now}. Write lock held. */
    final void modified(long now) {
        mtime = now;
        ctime = now;
    }

    /** Metadata changed: ctime becomes {@code now}. Write lock held. */
    final void changed(long now) {
        ctime = now;
    }

    final long ctime() {
        return ctime;
    }

    /** Applies mode, owner and times from SETATTR (the size is the caller's job); sets ctime. Write lock held. */
    final void applyMetadata(SetAttributes a, long now) {
        if (a.mode() != null) {
            mode = a.mode();
        }
        if (a.uid() != null) {
            uid = a.uid();
        }
        if (a.gid() != null) {
            gid = a.gid();
        }
        if (a.atime().changes()) {
            atime = a.atime().resolve(now);
        }
        if (a.mtime().changes()) {
            mtime = a.mtime().resolve(now);
        }
        ctime = now;
    }

    @Override
    public String toString() {
        return type() + " inode " + id.ino();
    }
}
