package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** diropargs3 (RFC 1813 section 2.6): a directory handle and a name in it. */
public final class diropargs3 implements XdrAble {

    public byte[] dir;
    public byte[] name;

    public diropargs3() {}

    public diropargs3(byte[] dir, byte[] name) {
        this.dir = dir;
        this.name = name;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        dir = nfs_fh3.decode(xdr);
        name = filename3.decode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        nfs_fh3.encode(xdr, dir);
        filename3.encode(xdr, name);
    }
}
