package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.server.nfs.xdr.GETATTR3args;
import org.pmnfs.server.nfs.xdr.GETATTR3res;
import org.pmnfs.vfs.NfsStatus;

/** GETATTR (RFC 1813 section 3.3.1): an object's attributes; no permission needed. */
final class ProcGetattr implements NfsProcedure<GETATTR3args> {

    @Override
    public String name() {
        return "NFS3.GETATTR";
    }

    @Override
    public boolean modifies() {
        return false;
    }

    /** One attribute read: memory speed on a memory backend. */
    @Override
    public boolean quick(Buffer arguments) {
        return true;
    }

    @Override
    public GETATTR3args newArgs() {
        return new GETATTR3args();
    }

    @Override
    public XdrAble run(NfsCall call, GETATTR3args args) throws IOException {
        return new GETATTR3res(NfsStatus.OK, call.backend().getattr(call.handle(args.object)));
    }

    @Override
    public XdrAble failure(NfsCall call, GETATTR3args args, NfsStatus status) {
        return new GETATTR3res(status, null);
    }
}
