package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;

/** nlm4_testres: TEST's result, the holder of the conflicting lock when DENIED (stat 1). */
public final class nlm4_testres implements SizedXdr {

    /** NLM4_DENIED, the one status with a holder. */
    public static final int DENIED = 1;

    public byte[] cookie = new byte[0];
    public int stat;
    /** Set when {@code stat} is DENIED. */
    public nlm4_holder holder;
    private final int version;

    public nlm4_testres(int version) {
        this.version = version;
    }

    @Override
    public int encodedSize() {
        return netobj.size(cookie.length) + 4 + (holder == null ? 0 : 8 + netobj.size(holder.oh.length) + 16);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        cookie = netobj.decode(xdr, "cookie");
        stat = xdr.xdrDecodeInt();
        if (stat == DENIED) {
            holder = new nlm4_holder(version);
            holder.xdrDecode(xdr);
        }
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws IOException {
        netobj.encode(xdr, cookie);
        xdr.xdrEncodeInt(stat);
        if (stat == DENIED) {
            holder.xdrEncode(xdr);
        }
    }
}
