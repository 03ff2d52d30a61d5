package org.pmnfs.memory;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.Lock;
import org.pmnfs.vfs.FBigException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.IsDirException;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.NotSyncException;
import org.pmnfs.vfs.ReadResult;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WccData;
import org.pmnfs.vfs.WriteResult;

/**
 * The per-object operations of the memory store: attributes, READ, WRITE, COMMIT and READLINK.
 * Each takes one inode lock (shared for READ, exclusive for changes) and nothing else, so calls on
 * different files never wait for each other.
 */
final class MemoryFileIo {

    private final MemoryStore store;

    MemoryFileIo(MemoryStore store) {
        this.store = store;
    }

    FileAttributes getattr(FileHandle object) throws NfsException {
        return store.resolve(object).attributes();
    }

    WccData setattr(FileHandle object, SetAttributes attributes, Long guardCtimeNanos) throws NfsException {
        MemoryInode inode = store.resolve(object);
        Long size = attributes.size();
        if (size != null) {
            requireRegular(inode, "setattr size");
            if (size > MemoryStore.MAX_FILE_SIZE) {
                throw new FBigException("setattr: size " + size + " exceeds the maximum file size " + MemoryStore.MAX_FILE_SIZE);
            }
        }
        Lock l = inode.writeLock();
        l.lock();
        try {
            inode.requireAlive();
            FileAttributes before = inode.attributes();
            if (guardCtimeNanos != null && guardCtimeNanos != inode.ctime()) {
                throw new NotSyncException("setattr of " + inode + ": guard ctime " + guardCtimeNanos
                        + " is not the current ctime " + inode.ctime());
            }
            if (attributes.isEmpty()) {
                return WccData.of(before, before);
            }
            long now = store.now();
            if (size != null) {
                ((MemoryFile) inode).resize(size, store.space);
                inode.modified(now);
            }
            inode.applyMetadata(attributes, now);
            return WccData.of(before, inode.publish());
        } finally {
            l.unlock();
        }
    }

    ReadResult read(FileHandle file, long offset, int count, ByteBuffer destination) throws NfsException {
        MemoryFile f = requireRegular(store.resolve(file), "read");
        if (count < 0) {
            throw new InvalException("read of " + f + ": negative count " + count);
        }
        if (destination.remaining() < count) {
            throw new IllegalArgumentException("read of " + count + " bytes into a buffer with " + destination.remaining()
                    + " bytes remaining");
        }
        Lock l = f.readLock();
        l.lock();
        try {
            f.requireAlive();
            int n = f.read(offset, count, destination);
            long size = f.size();
            boolean eof = offset < 0 || offset >= size || count >= size - offset;
            return new ReadResult(n, eof, f.attributes());
        } finally {
            l.unlock();
        }
    }

    WriteResult write(FileHandle file, long offset, ByteBuffer[] data, StableHow stability) throws NfsException {
        MemoryFile f = requireRegular(store.resolve(file), "write");
        long total = 0;
        for (ByteBuffer b : data) {
            total += b.remaining();
        }
        if (total > Integer.MAX_VALUE) {
            throw new InvalException("write of " + total + " bytes to " + f + " exceeds " + Integer.MAX_VALUE + " bytes");
        }
        if (offset < 0 || total > MemoryStore.MAX_FILE_SIZE - offset) {
            throw new FBigException("write of " + total + " bytes at offset " + Long.toUnsignedString(offset) + " to " + f
                    + " passes the maximum file size " + MemoryStore.MAX_FILE_SIZE);
        }
        Lock l = f.writeLock();
        l.lock();
        try {
            f.requireAlive();
            FileAttributes before = f.attributes();
            if (total == 0) {
                return new WriteResult(0, stability, WccData.of(before, before));
            }
            f.write(offset, data, total, store.space);
            f.modified(store.now());
            // RAM is as durable as this store gets: every write reaches the stability asked for.
            return new WriteResult((int) total, stability, WccData.of(before, f.publish()));
        } finally {
            l.unlock();
        }
    }

    WccData commit(FileHandle file, long offset, int count) throws NfsException {
        MemoryFile f = requireRegular(store.resolve(file), "commit");
        FileAttributes a = f.attributes();
        return WccData.of(a, a);
    }

    byte[] readlink(FileHandle symlink) throws NfsException {
        MemoryInode inode = store.resolve(symlink);
        if (inode instanceof MemorySymlink s) {
            return s.target();
        }
        throw new InvalException("readlink: " + inode + " is a " + inode.type() + ", not a symbolic link");
    }

    private static MemoryFile requireRegular(MemoryInode inode, String operation) throws NfsException {
        return switch (inode) {
            case MemoryFile f -> f;
            case MemoryDirectory d -> throw new IsDirException(operation + ": " + d + " is a directory");
            default -> throw new InvalException(operation + ": " + inode + " is a " + inode.type() + ", not a regular file");
        };
    }
}
