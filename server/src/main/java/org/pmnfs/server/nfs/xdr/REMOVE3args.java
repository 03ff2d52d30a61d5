package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** REMOVE3args (RFC 1813 section 3.3.12): a directory and the name in it. */
public final class REMOVE3args implements XdrAble {

    public diropargs3 object = new diropargs3();

    public REMOVE3args() {}

    public REMOVE3args(byte[] dir, byte[] name) {
        this.object = new diropargs3(dir, name);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        object.xdrDecode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        object.xdrEncode(xdr);
    }
}
