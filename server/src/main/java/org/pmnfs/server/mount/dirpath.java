package org.pmnfs.server.mount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.XdrLimits;

/** dirpath (RFC 1813 appendix I): a server path of at most MNTPATHLEN (1024) bytes. */
public final class dirpath {

    /** MNTPATHLEN. */
    public static final int MAX_BYTES = 1024;

    private dirpath() {}

    public static String decode(XdrDecodingStream xdr) throws IOException {
        return new String(XdrLimits.opaque(xdr, MAX_BYTES, "dirpath"), StandardCharsets.UTF_8);
    }

    public static void encode(XdrEncodingStream xdr, String path) {
        xdr.xdrEncodeDynamicOpaque(path.getBytes(StandardCharsets.UTF_8));
    }
}
