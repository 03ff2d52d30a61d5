package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.server.rpc.XdrLimits;

/**
 * A UTF-8 string of pmnfs's lock administration program (its own, not a standard): the lock
 * listing, a host name to release, a message. At most {@link #MAX_BYTES}.
 */
public final class admin_text implements SizedXdr {

    /** A listing of the whole lock table fits: 65,536 entries of at most about 200 bytes. */
    public static final int MAX_BYTES = 16 << 20;

    public String text = "";

    public admin_text() {}

    public admin_text(String text) {
        this.text = text;
    }

    @Override
    public int encodedSize() {
        return 4 + XdrLimits.padded(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        text = new String(XdrLimits.opaque(xdr, MAX_BYTES, "text"), StandardCharsets.UTF_8);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeDynamicOpaque(text.getBytes(StandardCharsets.UTF_8));
    }
}
