package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** ACCESS3args (RFC 1813 section 3.3.4): the object and the ACCESS3_* bits asked about. */
public final class ACCESS3args implements XdrAble {

    public byte[] object;
    public int access;

    public ACCESS3args() {}

    public ACCESS3args(byte[] object, int access) {
        this.object = object;
        this.access = access;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        object = nfs_fh3.decode(xdr);
        access = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        nfs_fh3.encode(xdr, object);
        xdr.xdrEncodeInt(access);
    }
}
