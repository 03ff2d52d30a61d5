package org.pmnfs.server.nfs;

import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.vfs.NfsStatus;

/** NULL (RFC 1813 section 3.3.0): does nothing, so clients can ping the server. */
final class ProcNull implements NfsProcedure<XdrVoid> {

    @Override
    public String name() {
        return "NFS3.NULL";
    }

    @Override
    public boolean modifies() {
        return false;
    }

    /** Does nothing: memory speed on a memory backend. */
    @Override
    public boolean quick(Buffer arguments) {
        return true;
    }

    @Override
    public XdrVoid newArgs() {
        return new XdrVoid();
    }

    @Override
    public XdrAble run(NfsCall call, XdrVoid args) {
        return XdrVoid.XDR_VOID;
    }

    @Override
    public XdrAble failure(NfsCall call, XdrVoid args, NfsStatus status) {
        return XdrVoid.XDR_VOID;
    }
}
