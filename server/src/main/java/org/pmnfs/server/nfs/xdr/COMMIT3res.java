package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/** COMMIT3res (RFC 1813 section 3.3.21): the file's wcc_data and, on success, the write verifier. */
public final class COMMIT3res implements SizedXdr {

    public NfsStatus status;
    public WccData file_wcc;
    public long verf;

    public COMMIT3res() {}

    public COMMIT3res(NfsStatus status, WccData wcc, long verifier) {
        this.status = status;
        this.file_wcc = wcc;
        this.verf = verifier;
    }

    @Override
    public int encodedSize() {
        return 4 + wcc_data.MAX_BYTES + 8;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        wcc_data.encode(xdr, file_wcc);
        if (status == NfsStatus.OK) {
            xdr.xdrEncodeLong(verf);
        }
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        file_wcc = wcc_data.decode(xdr);
        verf = status == NfsStatus.OK ? xdr.xdrDecodeLong() : 0;
    }
}
