package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** CREATE3args (RFC 1813 section 3.3.8): where to create the file and how. */
public final class CREATE3args implements XdrAble {

    public diropargs3 where = new diropargs3();
    public createhow3 how = new createhow3();

    public CREATE3args() {}

    public CREATE3args(byte[] dir, byte[] name, createhow3 how) {
        this.where = new diropargs3(dir, name);
        this.how = how;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        where.xdrDecode(xdr);
        how.xdrDecode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        where.xdrEncode(xdr);
        how.xdrEncode(xdr);
    }
}
