package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.COMMIT3args;
import org.pmnfs.server.nfs.xdr.COMMIT3res;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/**
 * COMMIT (RFC 1813 section 3.3.21): makes earlier UNSTABLE writes durable and returns the write
 * verifier, by which the client learns whether they survived. Needs the same access as WRITE.
 */
final class ProcCommit implements NfsProcedure<COMMIT3args> {

    @Override
    public String name() {
        return "NFS3.COMMIT";
    }

    @Override
    public boolean modifies() {
        return true;
    }

    /** Committing again changes nothing. */
    @Override
    public boolean nonIdempotent() {
        return false;
    }

    @Override
    public COMMIT3args newArgs() {
        return new COMMIT3args();
    }

    @Override
    public XdrAble run(NfsCall call, COMMIT3args args) throws IOException {
        FileHandle file = call.handle(args.file);
        FileAttributes before = call.attributes(file);
        AccessRules.write(before, call.credentials());
        if (args.offset < 0) {
            throw new InvalException("commit offset " + Long.toUnsignedString(args.offset) + " lies past 2^63 - 1");
        }
        // count is unsigned; one past 2^31 - 1 reaches beyond any file, the same as 0 ("to the end").
        WccData wcc = call.backend().commit(file, args.offset, args.count < 0 ? 0 : args.count);
        return new COMMIT3res(NfsStatus.OK, wcc.before() == null ? WccData.of(before, wcc.after()) : wcc,
                call.backend().writeVerifier());
    }

    @Override
    public XdrAble failure(NfsCall call, COMMIT3args args, NfsStatus status) {
        return new COMMIT3res(status, call.wccOrNone(args.file), 0);
    }
}
