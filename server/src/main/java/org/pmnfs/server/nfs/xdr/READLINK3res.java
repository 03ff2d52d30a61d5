package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.server.rpc.XdrLimits;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;

/** READLINK3res (RFC 1813 section 3.3.5): the link's attributes and, on success, its target. */
public final class READLINK3res implements SizedXdr {

    public NfsStatus status;
    public FileAttributes symlink_attributes;
    public byte[] data;

    public READLINK3res() {}

    public READLINK3res(NfsStatus status, FileAttributes attributes, byte[] data) {
        this.status = status;
        this.symlink_attributes = attributes;
        this.data = data;
    }

    @Override
    public int encodedSize() {
        return 4 + post_op_attr.MAX_BYTES + 4 + (data == null ? 0 : XdrLimits.padded(data.length));
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        post_op_attr.encode(xdr, symlink_attributes);
        if (status == NfsStatus.OK) {
            xdr.xdrEncodeDynamicOpaque(data);
        }
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        symlink_attributes = post_op_attr.decode(xdr);
        data = status == NfsStatus.OK ? XdrLimits.opaque(xdr, 65536, "nfspath3") : null;
    }
}
