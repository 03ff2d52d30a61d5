package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;

/** ACCESS3res (RFC 1813 section 3.3.4): the object's attributes and, on success, the granted bits. */
public final class ACCESS3res implements SizedXdr {

    public NfsStatus status;
    public FileAttributes obj_attributes;
    public int access;

    public ACCESS3res() {}

    public ACCESS3res(NfsStatus status, FileAttributes attributes, int access) {
        this.status = status;
        this.obj_attributes = attributes;
        this.access = access;
    }

    @Override
    public int encodedSize() {
        return 4 + post_op_attr.MAX_BYTES + 4;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        post_op_attr.encode(xdr, obj_attributes);
        if (status == NfsStatus.OK) {
            xdr.xdrEncodeInt(access);
        }
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        obj_attributes = post_op_attr.decode(xdr);
        access = status == NfsStatus.OK ? xdr.xdrDecodeInt() : 0;
    }
}
