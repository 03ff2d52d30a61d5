package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.server.nfs.xdr.ACCESS3args;
import org.pmnfs.server.nfs.xdr.ACCESS3res;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;

/**
 * ACCESS (RFC 1813 section 3.3.4): which of the asked ACCESS3 bits the caller holds, by the same
 * mode-bit rules the server enforces, minus the modifying bits on a read-only export.
 */
final class ProcAccess implements NfsProcedure<ACCESS3args> {

    @Override
    public String name() {
        return "NFS3.ACCESS";
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
    public ACCESS3args newArgs() {
        return new ACCESS3args();
    }

    @Override
    public XdrAble run(NfsCall call, ACCESS3args args) throws IOException {
        FileAttributes a = call.attributes(call.handle(args.object));
        return new ACCESS3res(NfsStatus.OK, a, AccessRules.granted(a, call.credentials(), args.access, call.readOnly()));
    }

    @Override
    public XdrAble failure(NfsCall call, ACCESS3args args, NfsStatus status) {
        return new ACCESS3res(status, call.attributesOrNull(args.object), 0);
    }
}
