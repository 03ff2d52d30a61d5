package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.vfs.FileAttributes;

/** post_op_attr (RFC 1813 section 2.6): attributes that may be absent (null). */
public final class post_op_attr {

    /** Encoded bytes when present; 4 when absent. */
    public static final int MAX_BYTES = 4 + fattr3.BYTES;

    private post_op_attr() {}

    public static void encode(XdrEncodingStream xdr, FileAttributes attributes) {
        xdr.xdrEncodeBoolean(attributes != null);
        if (attributes != null) {
            fattr3.encode(xdr, attributes);
        }
    }

    public static FileAttributes decode(XdrDecodingStream xdr) throws IOException {
        return xdr.xdrDecodeBoolean() ? fattr3.decode(xdr) : null;
    }
}
