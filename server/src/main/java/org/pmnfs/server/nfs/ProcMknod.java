package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.MKNOD3args;
import org.pmnfs.server.nfs.xdr.MKNOD3res;
import org.pmnfs.vfs.BadTypeException;
import org.pmnfs.vfs.CreateResult;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.PermException;
import org.pmnfs.vfs.SetAttributes;

/**
 * MKNOD (RFC 1813 section 3.3.11): a device, socket or FIFO. Other types are BADTYPE; device
 * nodes need root, as mknod(2) needs CAP_MKNOD.
 */
final class ProcMknod implements NfsProcedure<MKNOD3args> {

    @Override
    public String name() {
        return "NFS3.MKNOD";
    }

    @Override
    public boolean modifies() {
        return true;
    }

    @Override
    public MKNOD3args newArgs() {
        return new MKNOD3args();
    }

    @Override
    public XdrAble run(NfsCall call, MKNOD3args args) throws IOException {
        FileHandle dir = call.handle(args.where.dir);
        FileName name = NfsCall.name(args.where.name);
        if (args.type != FileType.CHARACTER && args.type != FileType.BLOCK && args.type != FileType.SOCKET
                && args.type != FileType.FIFO) {
            throw new BadTypeException("MKNOD cannot make a " + args.type);
        }
        FileAttributes dirBefore = call.attributes(dir);
        AccessRules.changeEntries(dirBefore, call.credentials());
        boolean device = args.type == FileType.CHARACTER || args.type == FileType.BLOCK;
        if (device && !call.credentials().isRoot()) {
            throw new PermException(call.credentials() + " may not make device nodes (only root may)");
        }
        SetAttributes attributes = NewObjects.owned(args.attributes, call.credentials(), dirBefore, false);
        CreateResult r = call.backend().mknod(dir, name, args.type, attributes,
                device ? args.specMajor : 0, device ? args.specMinor : 0);
        return MKNOD3res.ok(call.wire(r.handle()), r.attributes(), ProcCreate.withBefore(r.directory(), dirBefore));
    }

    @Override
    public XdrAble failure(NfsCall call, MKNOD3args args, NfsStatus status) {
        return MKNOD3res.fail(status, call.wccOrNone(args.where.dir));
    }
}
