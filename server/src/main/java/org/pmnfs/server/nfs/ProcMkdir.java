package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.MKDIR3args;
import org.pmnfs.server.nfs.xdr.MKDIR3res;
import org.pmnfs.vfs.CreateResult;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.SetAttributes;

/** MKDIR (RFC 1813 section 3.3.9): a new directory, owned by the caller. */
final class ProcMkdir implements NfsProcedure<MKDIR3args> {

    @Override
    public String name() {
        return "NFS3.MKDIR";
    }

    @Override
    public boolean modifies() {
        return true;
    }

    @Override
    public MKDIR3args newArgs() {
        return new MKDIR3args();
    }

    @Override
    public XdrAble run(NfsCall call, MKDIR3args args) throws IOException {
        FileHandle dir = call.handle(args.where.dir);
        FileName name = NfsCall.name(args.where.name);
        FileAttributes dirBefore = call.attributes(dir);
        AccessRules.changeEntries(dirBefore, call.credentials());
        SetAttributes attributes = NewObjects.owned(args.attributes, call.credentials(), dirBefore, true);
        CreateResult r = call.backend().mkdir(dir, name, attributes);
        return MKDIR3res.ok(call.wire(r.handle()), r.attributes(), ProcCreate.withBefore(r.directory(), dirBefore));
    }

    @Override
    public XdrAble failure(NfsCall call, MKDIR3args args, NfsStatus status) {
        return MKDIR3res.fail(status, call.wccOrNone(args.where.dir));
    }
}
