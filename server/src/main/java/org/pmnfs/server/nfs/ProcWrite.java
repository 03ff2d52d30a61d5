package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.server.nfs.xdr.WRITE3args;
import org.pmnfs.server.nfs.xdr.WRITE3res;
import org.pmnfs.vfs.FBigException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WccData;
import org.pmnfs.vfs.WriteResult;

/**
 * WRITE (RFC 1813 section 3.3.7): the data goes to the backend as views of the request's own
 * buffers (no copy here); the reply carries the stability reached and the backend's write
 * verifier, which changes on every start so clients resend unstable data after a crash.
 */
final class ProcWrite implements NfsProcedure<WRITE3args> {

    @Override
    public String name() {
        return "NFS3.WRITE";
    }

    @Override
    public boolean modifies() {
        return true;
    }

    /** Writing the same bytes at the same offset twice leaves what writing them once leaves. */
    @Override
    public boolean nonIdempotent() {
        return false;
    }

    /**
     * An UNSTABLE write only copies into memory on a memory backend; FILE_SYNC and DATA_SYNC
     * persist before the reply and go to a worker.
     */
    @Override
    public boolean quick(Buffer arguments) {
        return WRITE3args.peekStable(arguments) == StableHow.UNSTABLE;
    }

    @Override
    public WRITE3args newArgs() {
        return new WRITE3args();
    }

    @Override
    public XdrAble run(NfsCall call, WRITE3args args) throws IOException {
        FileHandle file = call.handle(args.file);
        FileAttributes before = call.attributes(file);
        AccessRules.write(before, call.credentials());
        if (args.offset < 0 || args.offset + (long) args.dataLength() < 0) {
            throw new FBigException("write at offset " + Long.toUnsignedString(args.offset) + " lies past 2^63 - 1");
        }
        WriteResult w = call.backend().write(file, args.offset, args.data, args.stable);
        call.context().transfers().written(w.count());
        WccData wcc = w.file().before() == null ? WccData.of(before, w.file().after()) : w.file();
        return WRITE3res.ok(wcc, w.count(), w.committed(), call.backend().writeVerifier());
    }

    @Override
    public XdrAble failure(NfsCall call, WRITE3args args, NfsStatus status) {
        return WRITE3res.fail(status, call.wccOrNone(args.file));
    }
}
