package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** COMMIT3args (RFC 1813 section 3.3.21): file, offset and count (0 = to the end of the file). */
public final class COMMIT3args implements XdrAble {

    public byte[] file;
    public long offset;
    public int count;

    public COMMIT3args() {}

    public COMMIT3args(byte[] file, long offset, int count) {
        this.file = file;
        this.offset = offset;
        this.count = count;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        file = nfs_fh3.decode(xdr);
        offset = xdr.xdrDecodeLong();
        count = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        nfs_fh3.encode(xdr, file);
        xdr.xdrEncodeLong(offset);
        xdr.xdrEncodeInt(count);
    }
}
