package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * READDIR3args (RFC 1813 section 3.3.16): directory, cookie (0 = start), cookieverf3 (8 bytes, held
 * as a long) and count, the most bytes the READDIR3resok may take.
 */
public final class READDIR3args implements XdrAble {

    public byte[] dir;
    public long cookie;
    public long cookieverf;
    public int count;

    public READDIR3args() {}

    public READDIR3args(byte[] dir, long cookie, long cookieverf, int count) {
        this.dir = dir;
        this.cookie = cookie;
        this.cookieverf = cookieverf;
        this.count = count;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        dir = nfs_fh3.decode(xdr);
        cookie = xdr.xdrDecodeLong();
        cookieverf = xdr.xdrDecodeLong();
        count = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        nfs_fh3.encode(xdr, dir);
        xdr.xdrEncodeLong(cookie);
        xdr.xdrEncodeLong(cookieverf);
        xdr.xdrEncodeInt(count);
    }
}
