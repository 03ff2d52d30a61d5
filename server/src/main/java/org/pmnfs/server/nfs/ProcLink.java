package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.LINK3args;
import org.pmnfs.server.nfs.xdr.LINK3res;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.LinkResult;
import org.pmnfs.vfs.NfsStatus;

/** LINK (RFC 1813 section 3.3.15): a new hard link within one export, needing write and search on the directory. */
final class ProcLink implements NfsProcedure<LINK3args> {

    @Override
    public String name() {
        return "NFS3.LINK";
    }

    @Override
    public boolean modifies() {
        return true;
    }

    @Override
    public LINK3args newArgs() {
        return new LINK3args();
    }

    @Override
    public XdrAble run(NfsCall call, LINK3args args) throws IOException {
        FileHandle file = call.handle(args.file);
        FileHandle dir = call.handle(args.link.dir);
        FileName name = NfsCall.name(args.link.name);
        FileAttributes dirBefore = call.attributes(dir);
        AccessRules.changeEntries(dirBefore, call.credentials());
        LinkResult r = call.backend().link(file, dir, name);
        return new LINK3res(NfsStatus.OK, r.file(), ProcCreate.withBefore(r.directory(), dirBefore));
    }

    @Override
    public XdrAble failure(NfsCall call, LINK3args args, NfsStatus status) {
        return new LINK3res(status, call.attributesOrNull(args.file), call.wccOrNone(args.link.dir));
    }
}
