package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** nlm4_testargs: the arguments of TEST, TEST_MSG and of the GRANTED callback. */
public final class nlm4_testargs implements XdrAble {

    public byte[] cookie = new byte[0];
    public boolean exclusive;
    public final nlm4_lock alock;

    public nlm4_testargs(int version) {
        alock = new nlm4_lock(version);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        cookie = netobj.decode(xdr, "cookie");
        exclusive = xdr.xdrDecodeBoolean();
        alock.xdrDecode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws IOException {
        netobj.encode(xdr, cookie);
        xdr.xdrEncodeBoolean(exclusive);
        alock.xdrEncode(xdr);
    }
}
