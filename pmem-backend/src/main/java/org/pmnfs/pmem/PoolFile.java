package org.pmnfs.pmem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An open pool file or device-DAX node: its channel, its size, and the lock that gives one
 * pmnfs exclusive use (a POSIX record lock over the whole file; fsck without repair takes it
 * shared). Owns the channel and the lock; closing releases both.
 */
final class PoolFile implements AutoCloseable {

    /** What the path is. */
    enum Kind { FILE, DEVICE_DAX }

    /** How the pool is opened and locked. */
    enum Access {
        /** Read-write, exclusive lock: serve, mkfs, fsck --repair. */
        EXCLUSIVE,
        /** Read-only, shared lock: fsck without repair (refused while a server runs). */
        SHARED,
        /** Read-only, no lock: info, which may look at a pool a server is using. */
        UNLOCKED
    }

    private final Path path;
    private final Kind kind;
    private final long size;
    private final long mapAlign;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean writable;

    private PoolFile(Path path, Kind kind, long size, long mapAlign, FileChannel channel, FileLock lock, boolean writable) {
        this.path = path;
        this.kind = kind;
        this.size = size;
        this.mapAlign = mapAlign;
        this.channel = channel;
        this.lock = lock;
        this.writable = writable;
    }

    /** Opens {@code path}; nothing is written. */
    static PoolFile open(Path path, Access access, DaxSysfs sysfs) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new PoolException(PoolException.Reason.NOT_FOUND, "pool " + path + " does not exist (create it with pmnfs mkfs)");
        }
        Kind kind;
        if (attrs.isRegularFile()) {
            kind = Kind.FILE;
        } else if (attrs.isOther() && DaxSysfs.looksLikeDeviceDax(path)) {
            kind = Kind.DEVICE_DAX;
        } else {
            throw new PoolException(PoolException.Reason.UNSUPPORTED_DEVICE, "pool " + path
                    + " is neither a regular file (on DAX or not) nor a device-DAX node /dev/daxX.Y");
        }
        boolean writable = access == Access.EXCLUSIVE;
        FileChannel ch;
        try {
            ch = writable
                    ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(path, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            throw new PoolException(PoolException.Reason.UNSUPPORTED_DEVICE, "no permission to open pool " + path
                    + (writable ? " for reading and writing" : " for reading") + "; check its owner and mode", e);
        }
        boolean ok = false;
        try {
            FileLock lock = lock(path, ch, access);
            long size = kind == Kind.FILE ? ch.size() : sysfs.size(path);
            long align = kind == Kind.FILE ? 0 : sysfs.align(path);
            PoolFile f = new PoolFile(path, kind, size, align, ch, lock, writable);
            ok = true;
            return f;
        } finally {
            if (!ok) {
                ch.close();
            }
        }
    }

    private static FileLock lock(Path path, FileChannel ch, Access access) throws IOException {
        if (access == Access.UNLOCKED) {
            return null;
        }
        FileLock lock;
        try {
            lock = ch.tryLock(0, Long.MAX_VALUE, access == Access.SHARED);
        } catch (OverlappingFileLockException e) {
            throw inUse(path, "this process");
        }
        if (lock == null) {
            throw inUse(path, "another process");
        }
        return lock;
    }

    private static PoolException inUse(Path path, String who) {
        return new PoolException(PoolException.Reason.IN_USE, "pool " + path + " is in use by " + who
                + " (a pmnfs server, mkfs or fsck holds its lock); stop it first or use another pool");
    }

    Path path() {
        return path;
    }

    /** Whether {@code path} lies on a file system in RAM (tmpfs or ramfs); false when that cannot be told. */
    static boolean onRamFileSystem(Path path) {
        try {
            String type = Files.getFileStore(path).type();
            return "tmpfs".equals(type) || "ramfs".equals(type);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    Kind kind() {
        return kind;
    }

    /** Bytes of the file or device. */
    long size() {
        return size;
    }

    /** Required alignment of mapping chunks (device-DAX), or 0. */
    long mapAlign() {
        return mapAlign;
    }

    FileChannel channel() {
        return channel;
    }

    boolean writable() {
        return writable;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            failure = e;
        }
        try {
            channel.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
