package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** READLINK3args (RFC 1813 section 3.3.5): the handle of the object asked about. */
public final class READLINK3args implements XdrAble {

    public byte[] symlink;

    public READLINK3args() {}

    public READLINK3args(byte[] symlink) {
        this.symlink = symlink;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        symlink = nfs_fh3.decode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        nfs_fh3.encode(xdr, symlink);
    }
}
