package org.pmnfs.server.nfs;

import org.pmnfs.vfs.AccessException;
import org.pmnfs.vfs.AccessMask;
import org.pmnfs.vfs.Credentials;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileType;
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

    /**
     * SETATTR, in the order nfsd checks: first write permission (owner override) for a size
     * change and for setting times to the server's clock (fh_verify in nfsd_setattr: ACCES), then
     * the VFS's setattr_prepare (PERM): chown only by root, or by the owner to their own uid;
     * chgrp only by root, or by the owner to the file's current group or one of theirs; chmod by
     * owner or root (a mode on a symlink is ignored, as nfsd does); times set to a chosen value by
     * owner or root. A request that would change nothing is refused all the same. The set-id bits
     * of what is then applied are {@link org.pmnfs.vfs.SetIdRules#forSetattr}'s business.
     */
    static void setattr(FileAttributes a, SetAttributes s, Credentials who) throws NfsException {
        if (who.isRoot()) {
            return;
        }
        boolean owner = who.uid() == a.uid();
        String object = "object " + a.fileId();
        boolean writable = owner || (Permissions.rwx(a, who) & W) != 0;
        if (s.size() != null && !writable) {
            throw new AccessException(who + " may not change the size of " + object + " (mode 0" + Integer.toOctalString(a.mode()) + ")");
        }
        boolean clientTime = s.atime().how() == TimeUpdate.How.CLIENT_TIME || s.mtime().how() == TimeUpdate.How.CLIENT_TIME;
        if ((s.atime().changes() || s.mtime().changes()) && !clientTime && !writable) {
            throw new AccessException(who + " may not touch " + object + " without write permission");
        }
        if (s.uid() != null && !(owner && s.uid() == a.uid())) {
            throw new PermException(who + " may not give " + object + " owned by uid " + Integer.toUnsignedString(a.uid())
                    + " to uid " + Integer.toUnsignedString(s.uid()) + " (only root may; its owner only to itself)");
        }
        if (s.gid() != null && !(owner && (s.gid() == a.gid() || who.inGroup(s.gid())))) {
            throw new PermException(who + " may not change the group of " + object + " owned by uid "
                    + Integer.toUnsignedString(a.uid()) + " to " + Integer.toUnsignedString(s.gid())
                    + " (only root may; its owner only to one of its groups)");
        }
        if (s.mode() != null && !owner && a.type() != FileType.SYMLINK) {
            throw new PermException(who + " may not change the mode of " + object + " owned by uid " + Integer.toUnsignedString(a.uid()));
        }
        if (clientTime && !owner) {
            throw new PermException(who + " may not set the times of " + object + " to a chosen value (only its owner may)");
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
