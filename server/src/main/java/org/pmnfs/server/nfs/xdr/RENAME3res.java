package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/** RENAME3res (RFC 1813 section 3.3.14): both directories' wcc_data, on success and on failure. */
public final class RENAME3res implements SizedXdr {

    public NfsStatus status;
    public WccData fromdir_wcc;
    public WccData todir_wcc;

    public RENAME3res() {}

    public RENAME3res(NfsStatus status, WccData from, WccData to) {
        this.status = status;
        this.fromdir_wcc = from;
        this.todir_wcc = to;
    }

    @Override
    public int encodedSize() {
        return 4 + 2 * wcc_data.MAX_BYTES;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        wcc_data.encode(xdr, fromdir_wcc);
        wcc_data.encode(xdr, todir_wcc);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        fromdir_wcc = wcc_data.decode(xdr);
        todir_wcc = wcc_data.decode(xdr);
    }
}
