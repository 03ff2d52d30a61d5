package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** RENAME3args (RFC 1813 section 3.3.14): the source and target directory entries. */
public final class RENAME3args implements XdrAble {

    public diropargs3 from = new diropargs3();
    public diropargs3 to = new diropargs3();

    public RENAME3args() {}

    public RENAME3args(byte[] fromDir, byte[] fromName, byte[] toDir, byte[] toName) {
        this.from = new diropargs3(fromDir, fromName);
        this.to = new diropargs3(toDir, toName);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        from.xdrDecode(xdr);
        to.xdrDecode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        from.xdrEncode(xdr);
        to.xdrEncode(xdr);
    }
}
