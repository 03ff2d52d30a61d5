package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.XdrLimits;

/**
 * filename3 (RFC 1813 section 2.6): one path component as raw bytes. Decoded up to
 * {@link #MAX_DECODED_BYTES}, so a name of 256..4096 bytes reaches the procedure and gets
 * NFS3ERR_NAMETOOLONG from {@code FileName.of}; a longer one is garbage.
 */
public final class filename3 {

    /** The longest name decoded at all (PATH_MAX). */
    public static final int MAX_DECODED_BYTES = 4096;

    private filename3() {}

    public static byte[] decode(XdrDecodingStream xdr) throws IOException {
        return XdrLimits.opaque(xdr, MAX_DECODED_BYTES, "filename3");
    }

    public static void encode(XdrEncodingStream xdr, byte[] name) {
        xdr.xdrEncodeDynamicOpaque(name);
    }
}
