package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;

/**
 * nlm4_res: the cookie and a status, the result of LOCK, CANCEL, UNLOCK, GRANTED and NM_LOCK and
 * the argument of their _RES messages. {@code stat} is the wire value for the call's version.
 */
public final class nlm4_res implements SizedXdr {

    public byte[] cookie = new byte[0];
    public int stat;

    public nlm4_res() {}

    public nlm4_res(byte[] cookie, int stat) {
        this.cookie = cookie;
        this.stat = stat;
    }

    @Override
    public int encodedSize() {
        return netobj.size(cookie.length) + 4;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        cookie = netobj.decode(xdr, "cookie");
        stat = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        netobj.encode(xdr, cookie);
        xdr.xdrEncodeInt(stat);
    }
}
