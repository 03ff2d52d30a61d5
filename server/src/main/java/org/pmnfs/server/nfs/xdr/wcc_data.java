package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.vfs.WccData;

/** wcc_data (RFC 1813 section 2.6): pre- and post-operation attributes of a changed object. */
public final class wcc_data {

    public static final int MAX_BYTES = pre_op_attr.MAX_BYTES + post_op_attr.MAX_BYTES;

    private wcc_data() {}

    /** Encodes {@code wcc}; null encodes as "nothing known". */
    public static void encode(XdrEncodingStream xdr, WccData wcc) {
        WccData w = wcc == null ? WccData.NONE : wcc;
        pre_op_attr.encode(xdr, w.before());
        post_op_attr.encode(xdr, w.after());
    }

    public static WccData decode(XdrDecodingStream xdr) throws IOException {
        return new WccData(pre_op_attr.decode(xdr), post_op_attr.decode(xdr));
    }
}
