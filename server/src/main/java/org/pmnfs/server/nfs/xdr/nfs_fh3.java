package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.XdrLimits;

/**
 * nfs_fh3 (RFC 1813 section 2.6): an opaque handle of at most NFS3_FHSIZE (64) bytes, as the client
 * holds it. A longer handle is not valid XDR for this type (GARBAGE_ARGS, as Linux nfsd answers);
 * what the bytes mean is decided in the nfs package.
 */
public final class nfs_fh3 {

    /** NFS3_FHSIZE. */
    public static final int MAX_BYTES = 64;

    private nfs_fh3() {}

    public static byte[] decode(XdrDecodingStream xdr) throws IOException {
        return XdrLimits.opaque(xdr, MAX_BYTES, "nfs_fh3");
    }

    public static void encode(XdrEncodingStream xdr, byte[] handle) {
        xdr.xdrEncodeDynamicOpaque(handle);
    }

    /** Encoded bytes of a handle of {@code length} bytes. */
    public static int size(int length) {
        return 4 + XdrLimits.padded(length);
    }
}
