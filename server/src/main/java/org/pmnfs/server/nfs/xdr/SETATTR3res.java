package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/** SETATTR3res (RFC 1813 section 3.3.2): the object's wcc_data, on success and on failure. */
public final class SETATTR3res implements SizedXdr {

    public NfsStatus status;
    public WccData obj_wcc;

    public SETATTR3res() {}

    public SETATTR3res(NfsStatus status, WccData wcc) {
        this.status = status;
        this.obj_wcc = wcc;
    }

    @Override
    public int encodedSize() {
        return 4 + wcc_data.MAX_BYTES;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        wcc_data.encode(xdr, obj_wcc);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        obj_wcc = wcc_data.decode(xdr);
    }
}
