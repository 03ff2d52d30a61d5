package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** PATHCONF3args (RFC 1813 section 3.3.20): the handle of the object asked about. */
public final class PATHCONF3args implements XdrAble {

    public byte[] object;

    public PATHCONF3args() {}

    public PATHCONF3args(byte[] object) {
        this.object = object;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        object = nfs_fh3.decode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        nfs_fh3.encode(xdr, object);
    }
}
