package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.server.nfs.xdr.READLINK3args;
import org.pmnfs.server.nfs.xdr.READLINK3res;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.NfsStatus;

/** READLINK (RFC 1813 section 3.3.5): a symbolic link's target, as stored. */
final class ProcReadlink implements NfsProcedure<READLINK3args> {

    @Override
    public String name() {
        return "NFS3.READLINK";
    }

    @Override
    public boolean modifies() {
        return false;
    }

    /** One short read: memory speed on a memory backend. */
    @Override
    public boolean quick(Buffer arguments) {
        return true;
    }

    @Override
    public READLINK3args newArgs() {
        return new READLINK3args();
    }

    @Override
    public XdrAble run(NfsCall call, READLINK3args args) throws IOException {
        FileHandle link = call.handle(args.symlink);
        byte[] target = call.backend().readlink(link);
        return new READLINK3res(NfsStatus.OK, call.attributes(link), target);
    }

    @Override
    public XdrAble failure(NfsCall call, READLINK3args args, NfsStatus status) {
        return new READLINK3res(status, call.attributesOrNull(args.symlink), null);
    }
}
