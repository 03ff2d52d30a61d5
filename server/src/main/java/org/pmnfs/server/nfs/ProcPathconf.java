package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.server.nfs.xdr.PATHCONF3args;
import org.pmnfs.server.nfs.xdr.PATHCONF3res;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.PathConf;

/** PATHCONF (RFC 1813 section 3.3.20): the backend's POSIX limits for an object. */
final class ProcPathconf implements NfsProcedure<PATHCONF3args> {

    @Override
    public String name() {
        return "NFS3.PATHCONF";
    }

    @Override
    public boolean modifies() {
        return false;
    }

    /** Constants: memory speed on a memory backend. */
    @Override
    public boolean quick(Buffer arguments) {
        return true;
    }

    @Override
    public PATHCONF3args newArgs() {
        return new PATHCONF3args();
    }

    @Override
    public XdrAble run(NfsCall call, PATHCONF3args args) throws IOException {
        FileHandle object = call.handle(args.object);
        PathConf conf = call.backend().pathconf(object);
        return new PATHCONF3res(NfsStatus.OK, call.attributes(object), conf);
    }

    @Override
    public XdrAble failure(NfsCall call, PATHCONF3args args, NfsStatus status) {
        return new PATHCONF3res(status, call.attributesOrNull(args.object), null);
    }
}
