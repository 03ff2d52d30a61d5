package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WccData;

/** WRITE3res (RFC 1813 section 3.3.7): the file's wcc_data and, on success, count, stability, verifier. */
public final class WRITE3res implements SizedXdr {

    public NfsStatus status;
    public WccData file_wcc;
    public int count;
    public StableHow committed;
    public long verf;

    public WRITE3res() {}

    public static WRITE3res ok(WccData wcc, int count, StableHow committed, long verifier) {
        WRITE3res r = new WRITE3res();
        r.status = NfsStatus.OK;
        r.file_wcc = wcc;
        r.count = count;
        r.committed = committed;
        r.verf = verifier;
        return r;
    }

    public static WRITE3res fail(NfsStatus status, WccData wcc) {
        WRITE3res r = new WRITE3res();
        r.status = status;
        r.file_wcc = wcc;
        return r;
    }

    @Override
    public int encodedSize() {
        return 4 + wcc_data.MAX_BYTES + 16;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        wcc_data.encode(xdr, file_wcc);
        if (status == NfsStatus.OK) {
            xdr.xdrEncodeInt(count);
            xdr.xdrEncodeInt(committed.code());
            xdr.xdrEncodeLong(verf);
        }
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        file_wcc = wcc_data.decode(xdr);
        if (status == NfsStatus.OK) {
            count = xdr.xdrDecodeInt();
            committed = StableHow.ofCode(xdr.xdrDecodeInt());
            verf = xdr.xdrDecodeLong();
        }
    }
}
