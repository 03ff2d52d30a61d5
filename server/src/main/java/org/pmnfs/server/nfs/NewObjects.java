package org.pmnfs.server.nfs;

import org.pmnfs.vfs.Credentials;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.PermException;
import org.pmnfs.vfs.SetAttributes;

/**
 * The owner and group of a new file, directory, link or node: the caller's uid; the directory's
 * gid when it has the setgid bit (and new directories inherit that bit), else the caller's gid. A
 * client may name other ids in the sattr3 only where chown(2) would let it.
 */
final class NewObjects {

    private static final int SETGID = 02000;

    private NewObjects() {}

    static SetAttributes owned(SetAttributes requested, Credentials who, FileAttributes dir, boolean directory) throws NfsException {
        int uid = who.uid();
        if (requested.uid() != null && requested.uid() != uid) {
            if (!who.isRoot()) {
                throw new PermException(who + " may not create an object owned by uid " + Integer.toUnsignedString(requested.uid()));
            }
            uid = requested.uid();
        }
        boolean setgidDir = (dir.mode() & SETGID) != 0;
        int gid = setgidDir ? dir.gid() : who.gid();
        if (requested.gid() != null && requested.gid() != gid) {
            if (!who.isRoot() && !who.inGroup(requested.gid())) {
                throw new PermException(who + " may not create an object in group " + Integer.toUnsignedString(requested.gid()));
            }
            gid = requested.gid();
        }
        Integer mode = requested.mode();
        if (directory && setgidDir && mode != null) {
            mode |= SETGID;
        }
        return requested.withOwner(uid, gid).withMode(mode);
    }
}
