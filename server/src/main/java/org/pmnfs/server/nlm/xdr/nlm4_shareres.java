package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;

/** nlm4_shareres: SHARE's and UNSHARE's result (the sequence is unused and 0). */
public final class nlm4_shareres implements SizedXdr {

    public byte[] cookie = new byte[0];
    public int stat;
    public int sequence;

    public nlm4_shareres() {}

    public nlm4_shareres(byte[] cookie, int stat) {
        this.cookie = cookie;
        this.stat = stat;
    }

    @Override
    public int encodedSize() {
        return netobj.size(cookie.length) + 8;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        cookie = netobj.decode(xdr, "cookie");
        stat = xdr.xdrDecodeInt();
        sequence = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        netobj.encode(xdr, cookie);
        xdr.xdrEncodeInt(stat);
        xdr.xdrEncodeInt(sequence);
    }
}
