package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.pmnfs.server.nfs.xdr.REMOVE3args;
import org.pmnfs.server.nfs.xdr.REMOVE3res;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/** REMOVE (RFC 1813 section 3.3.12): unlinks a non-directory, with the sticky-bit rule. */
final class ProcRemove implements NfsProcedure<REMOVE3args> {

    @Override
    public String name() {
        return "NFS3.REMOVE";
    }

    @Override
    public boolean modifies() {
        return true;
    }

    @Override
    public REMOVE3args newArgs() {
        return new REMOVE3args();
    }

    @Override
    public XdrAble run(NfsCall call, REMOVE3args args) throws IOException {
        FileHandle dir = call.handle(args.object.dir);
        FileName name = NfsCall.name(args.object.name);
        FileAttributes dirBefore = checkDelete(call, dir, name);
        WccData wcc = call.backend().remove(dir, name);
        return new REMOVE3res(NfsStatus.OK, ProcCreate.withBefore(wcc, dirBefore));
    }

    /** Write and search on the directory, and in a sticky directory ownership of the entry or the directory. */
    static FileAttributes checkDelete(NfsCall call, FileHandle dir, FileName name) throws IOException {
        FileAttributes dirBefore = call.attributes(dir);
        AccessRules.changeEntries(dirBefore, call.credentials());
        if (AccessRules.victimMatters(dirBefore, call.credentials()) && !name.isDotOrDotDot()) {
            AccessRules.stickyDelete(dirBefore, call.backend().lookup(dir, name).attributes(), call.credentials());
        }
        return dirBefore;
    }

    @Override
    public XdrAble failure(NfsCall call, REMOVE3args args, NfsStatus status) {
        return new REMOVE3res(status, call.wccOrNone(args.object.dir));
    }
}
