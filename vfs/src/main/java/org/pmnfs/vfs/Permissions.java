package org.pmnfs.vfs;

/**
 * POSIX mode-bit checks, shared by the server (before it calls a backend) and by
 * {@link FileSystemBackend#access}. Follows Linux: root may do anything except execute a
 * non-directory that has no execute bit at all.
 */
public final class Permissions {

    private static final int R = 4;
    private static final int W = 2;
    private static final int X = 1;

    private Permissions() {}

    /** The subset of {@code requested} ACCESS3 bits that {@code who} holds on the object. */
    public static int allowed(FileAttributes attrs, Credentials who, int requested) {
        int rwx = rwx(attrs, who);
        boolean dir = attrs.isDirectory();
        int granted = 0;
        if ((rwx & R) != 0) {
            granted |= AccessMask.READ;
        }
        if ((rwx & W) != 0) {
            granted |= AccessMask.MODIFY | AccessMask.EXTEND;
            if (dir) {
                granted |= AccessMask.DELETE;
            }
        }
        if ((rwx & X) != 0) {
            granted |= dir ? AccessMask.LOOKUP : AccessMask.EXECUTE;
        }
        return granted & requested;
    }

    /** The effective rwx bits (0..7) of {@code who} on the object. */
    public static int rwx(FileAttributes attrs, Credentials who) {
        int mode = attrs.mode();
        if (who.isRoot()) {
            boolean anyExec = (mode & 0111) != 0 || attrs.isDirectory();
            return R | W | (anyExec ? X : 0);
        }
        if (who.uid() == attrs.uid()) {
            return (mode >> 6) & 7;
        }
        if (who.inGroup(attrs.gid())) {
            return (mode >> 3) & 7;
        }
        return mode & 7;
    }

    /** Throws NFS3ERR_ACCES unless {@code who} holds every rwx bit in {@code need}. */
    public static void require(FileAttributes attrs, Credentials who, int need, String what) throws AccessException {
        if ((rwx(attrs, who) & need) != need) {
            throw new AccessException(who + " lacks " + describe(need) + " permission on " + what
                    + " (mode 0" + Integer.toOctalString(attrs.mode()) + ", owner " + Integer.toUnsignedString(attrs.uid())
                    + ":" + Integer.toUnsignedString(attrs.gid()) + ")");
        }
    }

    /** The rwx value for read. */
    public static int read() {
        return R;
    }

    /** The rwx value for write. */
    public static int write() {
        return W;
    }

    /** The rwx value for execute (search, for a directory). */
    public static int execute() {
        return X;
    }

    private static String describe(int need) {
        return ((need & R) != 0 ? "r" : "") + ((need & W) != 0 ? "w" : "") + ((need & X) != 0 ? "x" : "");
    }
}
