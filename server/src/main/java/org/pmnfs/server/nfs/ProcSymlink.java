package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.SYMLINK3args;
import org.pmnfs.server.nfs.xdr.SYMLINK3res;
import org.pmnfs.vfs.CreateResult;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.SetAttributes;

/** SYMLINK (RFC 1813 section 3.3.10): a new symbolic link; the backend judges the target's length. */
final class ProcSymlink implements NfsProcedure<SYMLINK3args> {

    @Override
    public String name() {
        return "NFS3.SYMLINK";
    }

    @Override
    public boolean modifies() {
        return true;
    }

    @Override
    public SYMLINK3args newArgs() {
        return new SYMLINK3args();
    }

    @Override
    public XdrAble run(NfsCall call, SYMLINK3args args) throws IOException {
        FileHandle dir = call.handle(args.where.dir);
        FileName name = NfsCall.name(args.where.name);
        FileAttributes dirBefore = call.attributes(dir);
        AccessRules.changeEntries(dirBefore, call.credentials());
        SetAttributes attributes = NewObjects.owned(args.symlink_attributes, call.credentials(), dirBefore, false);
        CreateResult r = call.backend().symlink(dir, name, args.symlink_data, attributes);
        return SYMLINK3res.ok(call.wire(r.handle()), r.attributes(), ProcCreate.withBefore(r.directory(), dirBefore));
    }

    @Override
    public XdrAble failure(NfsCall call, SYMLINK3args args, NfsStatus status) {
        return SYMLINK3res.fail(status, call.wccOrNone(args.where.dir));
    }
}
