package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** nlm4_unlockargs: the arguments of UNLOCK and UNLOCK_MSG. */
public final class nlm4_unlockargs implements XdrAble {

    public byte[] cookie = new byte[0];
    public final nlm4_lock alock;

    public nlm4_unlockargs(int version) {
        alock = new nlm4_lock(version);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        cookie = netobj.decode(xdr, "cookie");
        alock.xdrDecode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws IOException {
        netobj.encode(xdr, cookie);
        alock.xdrEncode(xdr);
    }
}
