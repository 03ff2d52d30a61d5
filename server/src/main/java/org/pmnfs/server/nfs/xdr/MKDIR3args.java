package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.vfs.SetAttributes;

/** MKDIR3args (RFC 1813 section 3.3.9): where to create the directory and its attributes. */
public final class MKDIR3args implements XdrAble {

    public diropargs3 where = new diropargs3();
    public SetAttributes attributes = SetAttributes.NONE;

    public MKDIR3args() {}

    public MKDIR3args(byte[] dir, byte[] name, SetAttributes attributes) {
        this.where = new diropargs3(dir, name);
        this.attributes = attributes;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        where.xdrDecode(xdr);
        attributes = sattr3.decode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        where.xdrEncode(xdr);
        sattr3.encode(xdr, attributes);
    }
}
