package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** LINK3args (RFC 1813 section 3.3.15): the existing file and the new directory entry. */
public final class LINK3args implements XdrAble {

    public byte[] file;
    public diropargs3 link = new diropargs3();

    public LINK3args() {}

    public LINK3args(byte[] file, byte[] dir, byte[] name) {
        this.file = file;
        this.link = new diropargs3(dir, name);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        file = nfs_fh3.decode(xdr);
        link.xdrDecode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        nfs_fh3.encode(xdr, file);
        link.xdrEncode(xdr);
    }
}
