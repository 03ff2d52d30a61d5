package org.pmnfs.server.nsm.xdr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.XdrLimits;

/** sm_name (NSM, X/Open): a host name of at most SM_MAXSTRLEN (1024) bytes; SM_STAT's argument. */
public final class sm_name implements XdrAble {

    /** SM_MAXSTRLEN. */
    public static final int MAX_BYTES = 1024;

    public String monName = "";

    static String decodeString(XdrDecodingStream xdr, String what) throws IOException {
        return new String(XdrLimits.opaque(xdr, MAX_BYTES, what), StandardCharsets.UTF_8);
    }

    static void encodeString(XdrEncodingStream xdr, String s) {
        xdr.xdrEncodeDynamicOpaque(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        monName = decodeString(xdr, "mon_name");
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        encodeString(xdr, monName);
    }
}
