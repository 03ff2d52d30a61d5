package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.server.nfs.xdr.FSINFO3args;
import org.pmnfs.server.nfs.xdr.FSINFO3res;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FsInfo;
import org.pmnfs.vfs.NfsStatus;

/**
 * FSINFO (RFC 1813 section 3.3.19): the transfer size for reads, writes and directory pages
 * (1 MiB, the most Linux uses), and the backend's real maximum file size, time granularity and
 * link/symlink/settime abilities. It decides the client's rsize and wsize.
 */
final class ProcFsinfo implements NfsProcedure<FSINFO3args> {

    /** The multiple clients should use for transfers (a page). */
    private static final int TRANSFER_MULTIPLE = 4096;

    @Override
    public String name() {
        return "NFS3.FSINFO";
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
    public FSINFO3args newArgs() {
        return new FSINFO3args();
    }

    @Override
    public XdrAble run(NfsCall call, FSINFO3args args) throws IOException {
        FileHandle root = call.handle(args.fsroot);
        FsInfo info = call.backend().fsinfo(root);
        int size = call.context().transferSize();
        FSINFO3res r = new FSINFO3res();
        r.status = NfsStatus.OK;
        r.obj_attributes = call.attributes(root);
        r.rtmax = size;
        r.rtpref = size;
        r.rtmult = TRANSFER_MULTIPLE;
        r.wtmax = size;
        r.wtpref = size;
        r.wtmult = TRANSFER_MULTIPLE;
        r.dtpref = size;
        r.maxfilesize = info.maxFileSize();
        r.time_delta_nanos = info.timeDeltaNanos();
        r.properties = FSINFO3res.FSF3_HOMOGENEOUS
                | (info.supportsHardLinks() ? FSINFO3res.FSF3_LINK : 0)
                | (info.supportsSymlinks() ? FSINFO3res.FSF3_SYMLINK : 0)
                | (info.canSetTime() ? FSINFO3res.FSF3_CANSETTIME : 0);
        return r;
    }

    @Override
    public XdrAble failure(NfsCall call, FSINFO3args args, NfsStatus status) {
        return FSINFO3res.fail(status, call.attributesOrNull(args.fsroot));
    }
}
