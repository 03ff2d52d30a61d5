package org.pmnfs.vfs;

import java.util.Objects;

/**
 * What becomes of the set-user-ID and set-group-ID bits when an object is written, chowned or
 * chmoded, as the Linux 6.1 nfsd decides it over NFSv3 (fs/nfsd/vfs.c {@code nfsd_sanitize_attrs},
 * fs/attr.c {@code setattr_should_drop_suidgid}, {@code setattr_prepare}, {@code setattr_copy},
 * {@code notify_change}). Keeping a bit that would otherwise go takes CAP_FSETID, which an nfsd
 * thread holds only for a caller mapped to uid 0 (fs/nfsd/auth.c drops the file-system
 * capabilities for everyone else): here, {@link Credentials#isRoot()} after squashing.
 * The server applies these rules before it calls a backend, so every backend follows them.
 */
public final class SetIdRules {

    /** S_ISUID. */
    public static final int SET_UID = 04000;
    /** S_ISGID. */
    public static final int SET_GID = 02000;
    /** S_IXGRP: with it S_ISGID means "run as the group", without it mandatory-locking marking. */
    private static final int GROUP_EXEC = 00010;
    private static final int SET_ID = SET_UID | SET_GID;

    private SetIdRules() {}

    /**
     * Whether {@code who} may hold S_ISGID on an object of group {@code gid}: root, or a member of
     * the group, primary or supplementary (the kernel's {@code in_group_or_capable}).
     */
    public static boolean mayKeepSetGid(Credentials who, int gid) {
        return who.isRoot() || who.inGroup(gid);
    }

    /**
     * The mode {@code file} must have before {@code who} writes data into it
     * ({@code file_remove_privs}): on a regular file, a caller other than root clears S_ISUID,
     * and S_ISGID when group-execute is set or the caller is not in the file's group. S_ISGID
     * without group-execute stays for members of the group. Returns {@code file.mode()} when
     * nothing changes, which is the only answer for a mode without set-id bits.
     */
    public static int modeForWrite(FileAttributes file, Credentials who) {
        int mode = file.mode();
        if ((mode & SET_ID) == 0 || who.isRoot() || file.type() != FileType.REGULAR) {
            return mode;
        }
        boolean dropGid = (mode & SET_GID) != 0 && ((mode & GROUP_EXEC) != 0 || !who.inGroup(file.gid()));
        return mode & ~SET_UID & ~(dropGid ? SET_GID : 0);
    }

    /**
     * The mode a new object gets in {@code directory} when {@code who} asks for {@code mode}
     * ({@code vfs_prepare_mode} and {@code inode_init_owner}): a new directory keeps only its
     * permission and sticky bits and inherits S_ISGID from a setgid parent; a new file or node
     * with S_ISGID and group-execute in a setgid directory loses S_ISGID unless the caller may
     * keep it in the directory's group, which the new object takes ({@code mode_strip_sgid}).
     */
    public static int forNewObject(FileAttributes directory, int mode, boolean isDirectory, Credentials who) {
        boolean setGidParent = (directory.mode() & SET_GID) != 0;
        if (isDirectory) {
            return (mode & ~SET_ID) | (setGidParent ? SET_GID : 0);
        }
        if ((mode & (SET_GID | GROUP_EXEC)) == (SET_GID | GROUP_EXEC) && setGidParent && !mayKeepSetGid(who, directory.gid())) {
            return mode & ~SET_GID;
        }
        return mode;
    }

    /**
     * The attributes a SETATTR of {@code requested} on {@code object} by {@code who} really
     * applies, once its permission checks have passed:
     * <ul>
     *   <li>a mode on a symbolic link is ignored;
     *   <li>a change of owner or group (even to the same ids) of anything but a directory clears
     *       set-id bits, for root too: with a mode in the same request, S_ISUID, and S_ISGID if
     *       the new mode has group-execute; without one, S_ISUID, and S_ISGID when group-execute
     *       is set or the caller may not keep it in the object's current group;
     *   <li>a mode that is applied (asked for, or made by the clearing above) loses S_ISGID when
     *       the caller may not keep it in the object's group after the change.
     * </ul>
     * Returns {@code requested} itself when nothing differs. Sizes and times are left as asked:
     * nfsd keeps set-id bits on a truncation by SETATTR.
     */
    public static SetAttributes forSetattr(FileAttributes object, SetAttributes requested, Credentials who) {
        Objects.requireNonNull(requested, "requested");
        if (object.type() == FileType.SYMLINK) {
            return requested.mode() == null ? requested : requested.withMode(null);
        }
        Integer mode = requested.mode();
        boolean owners = requested.uid() != null || requested.gid() != null;
        if (owners && !object.isDirectory()) {
            if (mode != null) {
                mode &= ~SET_UID;
                if ((mode & GROUP_EXEC) != 0) {
                    mode &= ~SET_GID;
                }
            } else {
                int current = object.mode();
                int kill = current & SET_UID;
                if ((current & SET_GID) != 0 && ((current & GROUP_EXEC) != 0 || !mayKeepSetGid(who, object.gid()))) {
                    kill |= SET_GID;
                }
                if (kill != 0) {
                    mode = current & ~kill;
                }
            }
        }
        if (mode != null && (mode & SET_GID) != 0) {
            int gid = requested.gid() != null ? requested.gid() : object.gid();
            if (!mayKeepSetGid(who, gid)) {
                mode &= ~SET_GID;
            }
        }
        return Objects.equals(mode, requested.mode()) ? requested : requested.withMode(mode);
    }
}
