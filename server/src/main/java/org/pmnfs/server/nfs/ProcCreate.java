package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.CREATE3args;
import org.pmnfs.server.nfs.xdr.CREATE3res;
import org.pmnfs.vfs.CreateResult;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.WccData;

/**
 * CREATE (RFC 1813 section 3.3.8) in its three modes: UNCHECKED returns an existing file, GUARDED
 * fails with EXIST, EXCLUSIVE stores the client's verifier so a retransmission finds its own file
 * (the client sets the attributes with a SETATTR afterwards).
 */
final class ProcCreate implements NfsProcedure<CREATE3args> {

    @Override
    public String name() {
        return "NFS3.CREATE";
    }

    @Override
    public boolean modifies() {
        return true;
    }

    @Override
    public CREATE3args newArgs() {
        return new CREATE3args();
    }

    @Override
    public XdrAble run(NfsCall call, CREATE3args args) throws IOException {
        FileHandle dir = call.handle(args.where.dir);
        FileName name = NfsCall.name(args.where.name);
        FileAttributes dirBefore = call.attributes(dir);
        AccessRules.changeEntries(dirBefore, call.credentials());
        SetAttributes attributes = NewObjects.owned(args.how.obj_attributes, call.credentials(), dirBefore, false);
        CreateResult r = call.backend().create(dir, name, args.how.mode, attributes, args.how.verf);
        return CREATE3res.ok(call.wire(r.handle()), r.attributes(), withBefore(r.directory(), dirBefore));
    }

    /** The backend's wcc_data, completed with the attributes the permission check fetched. */
    static WccData withBefore(WccData wcc, FileAttributes before) {
        return wcc.before() == null ? WccData.of(before, wcc.after()) : wcc;
    }

    @Override
    public XdrAble failure(NfsCall call, CREATE3args args, NfsStatus status) {
        return CREATE3res.fail(status, call.wccOrNone(args.where.dir));
    }
}
