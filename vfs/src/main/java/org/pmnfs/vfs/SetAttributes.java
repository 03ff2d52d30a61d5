package org.pmnfs.vfs;

import java.util.Objects;

/**
 * Attributes to change (sattr3, RFC 1813 section 2.6). A null field means "leave unchanged".
 * Used by SETATTR and as the initial attributes of CREATE, MKDIR, SYMLINK and MKNOD.
 *
 * @param mode permission bits 0..07777, or null
 * @param uid  new owner, or null
 * @param gid  new group, or null
 * @param size new size in bytes (truncate or zero-extend), or null
 */
public record SetAttributes(Integer mode, Integer uid, Integer gid, Long size, TimeUpdate atime, TimeUpdate mtime) {

    /** Change nothing. */
    public static final SetAttributes NONE = new SetAttributes(null, null, null, null, TimeUpdate.DONT_CHANGE, TimeUpdate.DONT_CHANGE);

    public SetAttributes {
        if (mode != null && (mode & ~FileAttributes.MODE_MASK) != 0) {
            throw new IllegalArgumentException("mode: only permission bits 07777 allowed, got 0" + Integer.toOctalString(mode));
        }
        if (size != null && size < 0) {
            throw new IllegalArgumentException("size: negative " + size);
        }
        Objects.requireNonNull(atime, "atime");
        Objects.requireNonNull(mtime, "mtime");
    }

    public static SetAttributes ofMode(int mode) {
        return NONE.withMode(mode);
    }

    public static SetAttributes ofSize(long size) {
        return NONE.withSize(size);
    }

    public SetAttributes withMode(Integer newMode) {
        return new SetAttributes(newMode, uid, gid, size, atime, mtime);
    }

    public SetAttributes withOwner(Integer newUid, Integer newGid) {
        return new SetAttributes(mode, newUid, newGid, size, atime, mtime);
    }

    public SetAttributes withSize(Long newSize) {
        return new SetAttributes(mode, uid, gid, newSize, atime, mtime);
    }

    public SetAttributes withTimes(TimeUpdate newAtime, TimeUpdate newMtime) {
        return new SetAttributes(mode, uid, gid, size, newAtime, newMtime);
    }

    /** True when nothing would change. */
    public boolean isEmpty() {
        return mode == null && uid == null && gid == null && size == null && !atime.changes() && !mtime.changes();
    }
}
