package org.pmnfs.server.nfs;

import org.pmnfs.vfs.Credentials;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.PermException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.SetIdRules;

/**
 * The owner and group of a new file, directory, link or node: the caller's uid; the directory's
 * gid when it has the setgid bit, else the caller's gid. A client may name other ids in the sattr3
 * only where chown(2) would let it. The mode's set-id bits follow {@link SetIdRules#forNewObject}
 * (new directories inherit a parent's setgid bit).
 */
final class NewObjects {

    private NewObjects() {}

    static SetAttributes owned(SetAttributes requested, Credentials who, FileAttributes dir, boolean directory) throws NfsException {
        int uid = who.uid();
        if (requested.uid() != null && requested.uid() != uid) {
            if (!who.isRoot()) {
                throw new PermException(who + " may not create an object owned by uid " + Integer.toUnsignedString(requested.uid()));
            }
            uid = requested.uid();
        }
        boolean setgidDir = (dir.mode() & SetIdRules.SET_GID) != 0;
        int gid = setgidDir ? dir.gid() : who.gid();
        if (requested.gid() != null && requested.gid() != gid) {
            if (!who.isRoot() && !who.inGroup(requested.gid())) {
                throw new PermException(who + " may not create an object in group " + Integer.toUnsignedString(requested.gid()));
            }
            gid = requested.gid();
        }
        Integer mode = requested.mode() == null ? null : SetIdRules.forNewObject(dir, requested.mode(), directory, who);
        return requested.withOwner(uid, gid).withMode(mode);
    }
}
