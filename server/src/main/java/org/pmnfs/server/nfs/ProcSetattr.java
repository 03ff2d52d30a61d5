package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.SETATTR3args;
import org.pmnfs.server.nfs.xdr.SETATTR3res;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/**
 * SETATTR (RFC 1813 section 3.3.2): checks the caller may make each change (see
 * {@link AccessRules#setattr}), then lets the backend apply them, honouring the ctime guard.
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
        AccessRules.setattr(before, args.new_attributes, call.credentials());
        WccData wcc = call.backend().setattr(object, args.new_attributes, args.guardCtimeNanos);
        return new SETATTR3res(NfsStatus.OK, wcc.before() == null ? WccData.of(before, wcc.after()) : wcc);
    }

    @Override
    public XdrAble failure(NfsCall call, SETATTR3args args, NfsStatus status) {
        return new SETATTR3res(status, call.wccOrNone(args.object));
    }
}
