package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** FSINFO3args (RFC 1813 section 3.3.19): the handle of the object asked about. */
public final class FSINFO3args implements XdrAble {

    public byte[] fsroot;

    public FSINFO3args() {}

    public FSINFO3args(byte[] fsroot) {
        this.fsroot = fsroot;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        fsroot = nfs_fh3.decode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        nfs_fh3.encode(xdr, fsroot);
    }
}
