package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.vfs.WccAttr;

/** pre_op_attr (RFC 1813 section 2.6): an optional wcc_attr (size, mtime, ctime before a change). */
public final class pre_op_attr {

    /** Encoded bytes when present. */
    public static final int MAX_BYTES = 4 + 8 + 2 * nfstime3.BYTES;

    private pre_op_attr() {}

    public static void encode(XdrEncodingStream xdr, WccAttr before) {
        xdr.xdrEncodeBoolean(before != null);
        if (before != null) {
            xdr.xdrEncodeLong(before.size());
            nfstime3.encode(xdr, before.mtimeNanos());
            nfstime3.encode(xdr, before.ctimeNanos());
        }
    }

    public static WccAttr decode(XdrDecodingStream xdr) throws IOException {
        if (!xdr.xdrDecodeBoolean()) {
            return null;
        }
        long size = xdr.xdrDecodeLong();
        long mtime = nfstime3.decode(xdr);
        long ctime = nfstime3.decode(xdr);
        return new WccAttr(size, mtime, ctime);
    }
}
