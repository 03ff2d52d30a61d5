package org.pmnfs.server.nsm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** mon: SM_MON's argument, a {@link mon_id} and 16 private bytes returned in the callback. */
public final class mon implements XdrAble {

    /** SM_PRIV_SIZE. */
    public static final int PRIV_BYTES = 16;

    public final mon_id monId = new mon_id();
    public byte[] priv = new byte[PRIV_BYTES];

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        monId.xdrDecode(xdr);
        priv = xdr.xdrDecodeOpaque(PRIV_BYTES);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        monId.xdrEncode(xdr);
        xdr.xdrEncodeOpaque(priv, PRIV_BYTES);
    }
}
