package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/** REMOVE3res (RFC 1813 section 3.3.12): the directory's wcc_data, on success and on failure. */
public final class REMOVE3res implements SizedXdr {

    public NfsStatus status;
    public WccData dir_wcc;

    public REMOVE3res() {}

    public REMOVE3res(NfsStatus status, WccData dirWcc) {
        this.status = status;
        this.dir_wcc = dirWcc;
    }

    @Override
    public int encodedSize() {
        return 4 + wcc_data.MAX_BYTES;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        wcc_data.encode(xdr, dir_wcc);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        dir_wcc = wcc_data.decode(xdr);
    }
}
