package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.XdrLimits;

/**
 * netobj and the strings of NLM (X/Open NLM, RFC 1813 chapter 6): variable-length opaques of at
 * most MAXNETOBJ_SZ (1024) bytes, and caller names of at most LM_MAXSTRLEN (1024) bytes. Longer
 * ones are GARBAGE_ARGS, before anything is allocated.
 */
public final class netobj {

    /** MAXNETOBJ_SZ and LM_MAXSTRLEN. */
    public static final int MAX_BYTES = 1024;

    private netobj() {}

    public static byte[] decode(XdrDecodingStream xdr, String what) throws IOException {
        return XdrLimits.opaque(xdr, MAX_BYTES, what);
    }

    /** A string of at most {@link #MAX_BYTES} bytes, read as UTF-8 (names are ASCII in practice). */
    public static String decodeString(XdrDecodingStream xdr, String what) throws IOException {
        return new String(decode(xdr, what), StandardCharsets.UTF_8);
    }

    public static void encode(XdrEncodingStream xdr, byte[] bytes) {
        xdr.xdrEncodeDynamicOpaque(bytes);
    }

    public static void encodeString(XdrEncodingStream xdr, String s) {
        xdr.xdrEncodeDynamicOpaque(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Encoded bytes of an opaque of {@code length} bytes. */
    public static int size(int length) {
        return 4 + XdrLimits.padded(length);
    }
}
