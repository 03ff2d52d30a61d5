package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * READDIRPLUS3args (RFC 1813 section 3.3.17): like READDIR, with dircount (bytes of entry
 * names, ids and cookies) and maxcount (bytes of the whole READDIRPLUS3resok).
 */
public final class READDIRPLUS3args implements XdrAble {

    public byte[] dir;
    public long cookie;
    public long cookieverf;
    public int dircount;
    public int maxcount;

    public READDIRPLUS3args() {}

    public READDIRPLUS3args(byte[] dir, long cookie, long cookieverf, int dircount, int maxcount) {
        this.dir = dir;
        this.cookie = cookie;
        this.cookieverf = cookieverf;
        this.dircount = dircount;
        this.maxcount = maxcount;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        dir = nfs_fh3.decode(xdr);
        cookie = xdr.xdrDecodeLong();
        cookieverf = xdr.xdrDecodeLong();
        dircount = xdr.xdrDecodeInt();
        maxcount = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        nfs_fh3.encode(xdr, dir);
        xdr.xdrEncodeLong(cookie);
        xdr.xdrEncodeLong(cookieverf);
        xdr.xdrEncodeInt(dircount);
        xdr.xdrEncodeInt(maxcount);
    }
}
