package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.SETATTR3args;
import org.pmnfs.server.nfs.xdr.SETATTR3res;
import org.pmnfs.vfs.Credentials;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.NotSyncException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.SetIdRules;
import org.pmnfs.vfs.WccData;

/**
 * SETATTR (RFC 1813 section 3.3.2): checks the caller may make each change (see
 * {@link AccessRules#setattr}), works out what a chown or chmod does to set-id bits
 * ({@link SetIdRules#forSetattr}), then lets the backend apply it, honouring the ctime guard.
 */
final class ProcSetattr implements NfsProcedure<SETATTR3args> {

    @Override
    public String name() {
        return "NFS3.SETATTR";
    }

    @Override
    public boolean modifies() {
        return true;
    }

    @Override
    public SETATTR3args newArgs() {
        return new SETATTR3args();
    }

    @Override
    public XdrAble run(NfsCall call, SETATTR3args args) throws IOException {
        FileHandle object = call.handle(args.object);
        FileAttributes before = call.attributes(object);
        SetAttributes asked = args.new_attributes;
        Credentials who = call.credentials();
        AccessRules.setattr(before, asked, who);
        SetAttributes apply = SetIdRules.forSetattr(before, asked, who);
        FileSystemBackend backend = call.backend();
        WccData wcc;
        if (apply.isEmpty() && !asked.isEmpty()) {
            // Only a mode on a symlink, which nfsd ignores: nothing changes, not even ctime.
            if (args.guardCtimeNanos != null && args.guardCtimeNanos != before.ctimeNanos()) {
                throw new NotSyncException("guard ctime " + args.guardCtimeNanos + " does not match object "
                        + before.fileId() + "'s ctime " + before.ctimeNanos());
            }
            wcc = WccData.of(before, before);
        } else if (apply == asked || args.guardCtimeNanos != null) {
            // The client's own guard already makes a mode worked out from these attributes safe.
            wcc = backend.setattr(object, apply, args.guardCtimeNanos);
        } else {
            // A mode worked out from these attributes (set-id bits cleared): applied only over them.
            wcc = DerivedSetattr.apply(backend, object, before, current -> {
                AccessRules.setattr(current, asked, who);
                return SetIdRules.forSetattr(current, asked, who);
            });
        }
        return new SETATTR3res(NfsStatus.OK, wcc.before() == null ? WccData.of(before, wcc.after()) : wcc);
    }

    @Override
    public XdrAble failure(NfsCall call, SETATTR3args args, NfsStatus status) {
        return new SETATTR3res(status, call.wccOrNone(args.object));
    }
}
