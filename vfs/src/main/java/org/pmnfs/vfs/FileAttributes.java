package org.pmnfs.vfs;

import java.util.Objects;

/**
 * The attributes of one object (fattr3, RFC 1813 section 2.6). Times are nanoseconds since the
 * epoch; uid and gid are unsigned 32-bit values held in an int.
 *
 * @param type      object type
 * @param mode      permission bits including setuid, setgid and sticky (0..07777); no type bits
 * @param nlink     number of hard links (directories: 2 + subdirectories)
 * @param size      size in bytes (symlinks: target length)
 * @param used      bytes of storage the object occupies
 * @param rdevMajor device major number, 0 unless BLOCK or CHARACTER
 * @param rdevMinor device minor number, 0 unless BLOCK or CHARACTER
 * @param fsid      file system id, the same for every object of one backend instance
 * @param fileId    inode number, unique among live objects of the file system
 */
public record FileAttributes(
        FileType type,
        int mode,
        long nlink,
        int uid,
        int gid,
        long size,
        long used,
        int rdevMajor,
        int rdevMinor,
        long fsid,
        long fileId,
        long atimeNanos,
        long mtimeNanos,
        long ctimeNanos) {

    /** The permission bits an object can have: rwx for three classes plus setuid, setgid, sticky. */
    public static final int MODE_MASK = 07777;

    public FileAttributes {
        Objects.requireNonNull(type, "type");
        if ((mode & ~MODE_MASK) != 0) {
            throw new IllegalArgumentException("mode: only permission bits 07777 allowed, got 0" + Integer.toOctalString(mode));
        }
        if (nlink < 0) {
            throw new IllegalArgumentException("nlink: negative " + nlink);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size: negative " + size);
        }
        if (used < 0) {
            throw new IllegalArgumentException("used: negative " + used);
        }
    }

    /** The pre-operation subset the server sends as wcc_attr. */
    public WccAttr toWccAttr() {
        return new WccAttr(size, mtimeNanos, ctimeNanos);
    }

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }
}
