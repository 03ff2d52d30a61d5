package org.pmnfs.server.nfs;

import org.pmnfs.vfs.AccessException;
import org.pmnfs.vfs.AccessMask;
import org.pmnfs.vfs.Credentials;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.NotDirException;
import org.pmnfs.vfs.PermException;
import org.pmnfs.vfs.Permissions;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.TimeUpdate;

/**
 * The permission checks the server makes before calling the backend, following Linux nfsd and
 * the VFS: search (x) to look up, write and search on a directory to change its entries, the
 * sticky-bit rule for deleting, READ and WRITE with owner override (a file created 0444 stays
 * writable by its owner's open descriptor), and chmod/chown/utimes ownership rules for SETATTR.
 */
final class AccessRules {

    private static final int STICKY = 01000;
    private static final int R = Permissions.read();
    private static final int W = Permissions.write();
    private static final int X = Permissions.execute();

    private AccessRules() {}

    /** LOOKUP: the directory must be one and searchable. */
    static void lookup(FileAttributes dir, Credentials who) throws NfsException {
        requireDirectory(dir);
        Permissions.require(dir, who, X, "directory " + dir.fileId());
    }

    /** CREATE, MKDIR, SYMLINK, MKNOD, REMOVE, RMDIR, RENAME, LINK: write and search on the directory. */
    static void changeEntries(FileAttributes dir, Credentials who) throws NfsException {
        requireDirectory(dir);
        Permissions.require(dir, who, W | X, "directory " + dir.fileId());
    }

    /** READDIR, READDIRPLUS: read on the directory. */
    static void list(FileAttributes dir, Credentials who) throws NfsException {
        requireDirectory(dir);
        Permissions.require(dir, who, R, "directory " + dir.fileId());
    }

    /** READ: owner, read permission, or execute permission (clients read executables to run them). */
    static void read(FileAttributes file, Credentials who) throws NfsException {
        if (who.uid() == file.uid() || (Permissions.rwx(file, who) & (R | X)) != 0) {
            return;
        }
        throw new AccessException(who + " may not read file " + file.fileId() + " (mode 0" + Integer.toOctalString(file.mode()) + ")");
    }

    /** WRITE, COMMIT and truncation: owner or write permission. */
    static void write(FileAttributes file, Credentials who) throws NfsException {
        if (who.uid() == file.uid() || (Permissions.rwx(file, who) & W) != 0) {
            return;
        }
        throw new AccessException(who + " may not write file " + file.fileId() + " (mode 0" + Integer.toOctalString(file.mode()) + ")");
    }

    /** True when deleting from {@code dir} depends on who owns the victim (sticky bit, caller not root or dir owner). */
    static boolean victimMatters(FileAttributes dir, Credentials who) {
        return (dir.mode() & STICKY) != 0 && !who.isRoot() && who.uid() != dir.uid();
    }

    /** The sticky-bit rule: in a sticky directory only the owner of the entry or of the directory may delete it. */
    static void stickyDelete(FileAttributes dir, FileAttributes victim, Credentials who) throws NfsException {
        if (victimMatters(dir, who) && who.uid() != victim.uid()) {
            throw new PermException(who + " may not remove an entry owned by uid " + Integer.toUnsignedString(victim.uid())
                    + " from sticky directory " + dir.fileId());
        }
    }

    /** SETATTR: chmod by owner or root, chown by root, chgrp by the owner to one of their groups, size and times as Linux. */
    static void setattr(FileAttributes a, SetAttributes s, Credentials who) throws NfsException {
        if (who.isRoot()) {
            return;
        }
        boolean owner = who.uid() == a.uid();
        String object = "object " + a.fileId();
        if (s.mode() != null && !owner) {
            throw new PermException(who + " may not change the mode of " + object + " owned by uid " + Integer.toUnsignedString(a.uid()));
        }
        if (s.uid() != null && s.uid() != a.uid()) {
            throw new PermException(who + " may not give " + object + " to uid " + Integer.toUnsignedString(s.uid()) + " (only root may)");
        }
        if (s.gid() != null && s.gid() != a.gid() && (!owner || !who.inGroup(s.gid()))) {
            throw new PermException(who + " may not change the group of " + object + " to " + Integer.toUnsignedString(s.gid()));
        }
        if (s.size() != null && !owner && (Permissions.rwx(a, who) & W) == 0) {
            throw new AccessException(who + " may not change the size of " + object + " (mode 0" + Integer.toOctalString(a.mode()) + ")");
        }
        checkTime(s.atime(), owner, a, who, object);
        checkTime(s.mtime(), owner, a, who, object);
    }

    private static void checkTime(TimeUpdate t, boolean owner, FileAttributes a, Credentials who, String object) throws NfsException {
        if (!t.changes() || owner) {
            return;
        }
        if (t.how() == TimeUpdate.How.CLIENT_TIME) {
            throw new PermException(who + " may not set the times of " + object + " to a chosen value (only its owner may)");
        }
        if ((Permissions.rwx(a, who) & W) == 0) {
            throw new AccessException(who + " may not touch " + object + " without write permission");
        }
    }

    /** ACCESS: the requested bits the caller holds; a read-only export grants no modify, extend or delete. */
    static int granted(FileAttributes a, Credentials who, int requested, boolean readOnly) {
        int bits = Permissions.allowed(a, who, requested);
        if (readOnly) {
            bits &= ~(AccessMask.MODIFY | AccessMask.EXTEND | AccessMask.DELETE);
        }
        return bits;
    }

    private static void requireDirectory(FileAttributes a) throws NotDirException {
        if (!a.isDirectory()) {
            throw new NotDirException("object " + a.fileId() + " is a " + a.type() + ", not a directory");
        }
    }
}
