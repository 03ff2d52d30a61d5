package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** LOOKUP3args (RFC 1813 section 3.3.3): a directory and the name in it. */
public final class LOOKUP3args implements XdrAble {

    public diropargs3 what = new diropargs3();

    public LOOKUP3args() {}

    public LOOKUP3args(byte[] dir, byte[] name) {
        this.what = new diropargs3(dir, name);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        what.xdrDecode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        what.xdrEncode(xdr);
    }
}
