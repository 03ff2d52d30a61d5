package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.server.nfs.xdr.FSSTAT3args;
import org.pmnfs.server.nfs.xdr.FSSTAT3res;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FsStat;
import org.pmnfs.vfs.NfsStatus;

/** FSSTAT (RFC 1813 section 3.3.18): space and file counts of the backend. */
final class ProcFsstat implements NfsProcedure<FSSTAT3args> {

    @Override
    public String name() {
        return "NFS3.FSSTAT";
    }

    @Override
    public boolean modifies() {
        return false;
    }

    /** Counters: memory speed on a memory backend. */
    @Override
    public boolean quick(Buffer arguments) {
        return true;
    }

    @Override
    public FSSTAT3args newArgs() {
        return new FSSTAT3args();
    }

    @Override
    public XdrAble run(NfsCall call, FSSTAT3args args) throws IOException {
        FileHandle root = call.handle(args.fsroot);
        FsStat stat = call.backend().fsstat(root);
        return new FSSTAT3res(NfsStatus.OK, call.attributes(root), stat);
    }

    @Override
    public XdrAble failure(NfsCall call, FSSTAT3args args, NfsStatus status) {
        return new FSSTAT3res(status, call.attributesOrNull(args.fsroot), null);
    }
}
