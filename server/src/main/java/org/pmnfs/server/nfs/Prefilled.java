package org.pmnfs.server.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * A reply body together with the reply buffer that already holds part of it (READ's data, copied
 * there by the backend), so the dispatcher sends it in that buffer instead of a new one.
 */
record Prefilled(XdrAble body, Xdr target) implements XdrAble {

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws IOException {
        body.xdrEncode(xdr);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) {
        throw new UnsupportedOperationException("a reply is never decoded on the server");
    }
}
