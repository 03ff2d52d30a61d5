package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** post_op_fh3 (RFC 1813 section 2.6): a handle that may be absent (null). */
public final class post_op_fh3 {

    public static final int MAX_BYTES = 4 + 4 + nfs_fh3.MAX_BYTES;

    private post_op_fh3() {}

    public static void encode(XdrEncodingStream xdr, byte[] handle) {
        xdr.xdrEncodeBoolean(handle != null);
        if (handle != null) {
            nfs_fh3.encode(xdr, handle);
        }
    }

    public static byte[] decode(XdrDecodingStream xdr) throws IOException {
        return xdr.xdrDecodeBoolean() ? nfs_fh3.decode(xdr) : null;
    }
}
