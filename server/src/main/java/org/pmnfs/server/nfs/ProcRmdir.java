package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.RMDIR3args;
import org.pmnfs.server.nfs.xdr.RMDIR3res;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/** RMDIR (RFC 1813 section 3.3.13): removes an empty directory, with the sticky-bit rule. */
final class ProcRmdir implements NfsProcedure<RMDIR3args> {

    @Override
    public String name() {
        return "NFS3.RMDIR";
    }

    @Override
    public boolean modifies() {
        return true;
    }

    @Override
    public RMDIR3args newArgs() {
        return new RMDIR3args();
    }

    @Override
    public XdrAble run(NfsCall call, RMDIR3args args) throws IOException {
        FileHandle dir = call.handle(args.object.dir);
        FileName name = NfsCall.name(args.object.name);
        FileAttributes dirBefore = ProcRemove.checkDelete(call, dir, name);
        WccData wcc = call.backend().rmdir(dir, name);
        return new RMDIR3res(NfsStatus.OK, ProcCreate.withBefore(wcc, dirBefore));
    }

    @Override
    public XdrAble failure(NfsCall call, RMDIR3args args, NfsStatus status) {
        return new RMDIR3res(status, call.wccOrNone(args.object.dir));
    }
}
