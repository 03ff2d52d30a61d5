package org.pmnfs.kv;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.NfsIoException;

/**
 * One inode's attributes as stored under {@code 'I' ino}: an immutable value, encoded big-endian
 * in {@link #BYTES} bytes. Directories also carry their parent (for "..") and the next cookie to
 * hand out; files created EXCLUSIVE carry the client's verifier.
 *
 * <pre>
 * offset size field
 *      0    1 record version (1)
 *      1    1 type (ftype3 code)
 *      2    1 flags (bit 0: an EXCLUSIVE create verifier is stored)
 *      3    1 reserved, 0
 *      4    4 mode (permission bits)
 *      8    4 uid
 *     12    4 gid
 *     16    4 rdev major
 *     20    4 rdev minor
 *     24    8 nlink
 *     32    8 size in bytes
 *     40    8 atime, ns since the epoch
 *     48    8 mtime
 *     56    8 ctime
 *     64    8 generation (random, never 0; part of the file handle)
 *     72    8 parent directory ino (directories; 0 otherwise)
 *     80    8 next directory cookie (directories; 0 otherwise)
 *     88    8 EXCLUSIVE create verifier
 * </pre>
 */
record InodeRecord(FileType type, int mode, int uid, int gid, int rdevMajor, int rdevMinor, long nlink, long size,
                   long atime, long mtime, long ctime, long generation, long parent, long nextCookie,
                   boolean hasVerifier, long verifier) {

    /** Encoded length in bytes. */
    static final int BYTES = 96;
    private static final byte VERSION = 1;
    private static final int FLAG_VERIFIER = 1;
    /** Space a directory reports as used: one 4 KiB block, as most local file systems do. */
    private static final long DIRECTORY_USED_BYTES = 4096;
    /** Granularity of the "used" figure for regular files. */
    private static final long USED_BLOCK_BYTES = 4096;

    InodeRecord {
        Objects.requireNonNull(type, "type");
        if ((mode & ~FileAttributes.MODE_MASK) != 0) {
            throw new IllegalArgumentException("mode: only bits 07777, got 0" + Integer.toOctalString(mode));
        }
        if (nlink < 0 || size < 0) {
            throw new IllegalArgumentException("nlink and size must not be negative: " + nlink + ", " + size);
        }
        if (generation == 0) {
            throw new IllegalArgumentException("generation: 0 is reserved");
        }
    }

    /** A new object's record: times all {@code now}. */
    static InodeRecord create(FileType type, int mode, int uid, int gid, long nlink, long now, long generation,
                              long parent, long nextCookie) {
        return new InodeRecord(type, mode, uid, gid, 0, 0, nlink, 0, now, now, now, generation, parent,
                nextCookie, false, 0);
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(BYTES);
        b.put(VERSION).put((byte) type.code()).put((byte) (hasVerifier ? FLAG_VERIFIER : 0)).put((byte) 0);
        b.putInt(mode).putInt(uid).putInt(gid).putInt(rdevMajor).putInt(rdevMinor);
        b.putLong(nlink).putLong(size).putLong(atime).putLong(mtime).putLong(ctime);
        b.putLong(generation).putLong(parent).putLong(nextCookie).putLong(verifier);
        return b.array();
    }

    /** Decodes a stored record; a damaged one is an I/O error naming the inode. */
    static InodeRecord decode(long ino, byte[] value) throws NfsIoException {
        if (value.length != BYTES || value[0] != VERSION) {
            throw new NfsIoException("inode " + ino + ": record of " + value.length + " bytes, version "
                    + (value.length > 0 ? value[0] : -1) + "; expected " + BYTES + " bytes, version " + VERSION);
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        FileType type = FileType.ofCode(b.get(1));
        if (type == null) {
            throw new NfsIoException("inode " + ino + ": unknown type code " + b.get(1));
        }
        boolean hasVerifier = (b.get(2) & FLAG_VERIFIER) != 0;
        b.position(4);
        int mode = b.getInt();
        int uid = b.getInt();
        int gid = b.getInt();
        int major = b.getInt();
        int minor = b.getInt();
        long nlink = b.getLong();
        long size = b.getLong();
        long atime = b.getLong();
        long mtime = b.getLong();
        long ctime = b.getLong();
        long generation = b.getLong();
        long parent = b.getLong();
        long nextCookie = b.getLong();
        long verifier = b.getLong();
        try {
            return new InodeRecord(type, mode, uid, gid, major, minor, nlink, size, atime, mtime, ctime, generation,
                    parent, nextCookie, hasVerifier, verifier);
        } catch (IllegalArgumentException e) {
            throw new NfsIoException("inode " + ino + ": damaged record: " + e.getMessage(), e);
        }
    }

    /** The NFS view of this record. */
    FileAttributes toAttributes(long fsid, long ino) {
        return new FileAttributes(type, mode, nlink, uid, gid, size, usedBytes(type, size), rdevMajor, rdevMinor, fsid,
                ino, atime, mtime, ctime);
    }

    /**
     * Bytes an object reports as used: a regular file its size in whole 4 KiB blocks (holes
     * included, as JuiceFS does: exact chunk counts would cost a scan), a directory one block,
     * a symlink its target.
     */
    static long usedBytes(FileType type, long size) {
        return switch (type) {
            case DIRECTORY -> DIRECTORY_USED_BYTES;
            case REGULAR -> (size + USED_BLOCK_BYTES - 1) / USED_BLOCK_BYTES * USED_BLOCK_BYTES;
            case SYMLINK -> size;
            default -> 0;
        };
    }

    boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    InodeRecord withSize(long newSize, long newMtime, long newCtime) {
        return new InodeRecord(type, mode, uid, gid, rdevMajor, rdevMinor, nlink, newSize, atime, newMtime, newCtime,
                generation, parent, nextCookie, hasVerifier, verifier);
    }

    InodeRecord withNlink(long newNlink, long newCtime) {
        return new InodeRecord(type, mode, uid, gid, rdevMajor, rdevMinor, newNlink, size, atime, mtime, newCtime,
                generation, parent, nextCookie, hasVerifier, verifier);
    }

    /** A directory whose entries changed: new mtime and ctime, nlink adjusted, cookies handed out. */
    InodeRecord withDirectoryChange(long nlinkDelta, long newNextCookie, long now) {
        return new InodeRecord(type, mode, uid, gid, rdevMajor, rdevMinor, nlink + nlinkDelta, size, atime, now, now,
                generation, parent, newNextCookie, hasVerifier, verifier);
    }

    InodeRecord withParent(long newParent, long newCtime) {
        return new InodeRecord(type, mode, uid, gid, rdevMajor, rdevMinor, nlink, size, atime, mtime, newCtime,
                generation, newParent, nextCookie, hasVerifier, verifier);
    }

    InodeRecord withOwnerAndMode(int newMode, int newUid, int newGid) {
        return new InodeRecord(type, newMode, newUid, newGid, rdevMajor, rdevMinor, nlink, size, atime, mtime, ctime,
                generation, parent, nextCookie, hasVerifier, verifier);
    }

    InodeRecord withTimes(long newAtime, long newMtime, long newCtime) {
        return new InodeRecord(type, mode, uid, gid, rdevMajor, rdevMinor, nlink, size, newAtime, newMtime, newCtime,
                generation, parent, nextCookie, hasVerifier, verifier);
    }

    InodeRecord withDevice(int major, int minor) {
        return new InodeRecord(type, mode, uid, gid, major, minor, nlink, size, atime, mtime, ctime,
                generation, parent, nextCookie, hasVerifier, verifier);
    }

    InodeRecord withVerifier(long createVerifier) {
        return new InodeRecord(type, mode, uid, gid, rdevMajor, rdevMinor, nlink, size, atime, mtime, ctime,
                generation, parent, nextCookie, true, createVerifier);
    }
}
