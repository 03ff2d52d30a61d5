package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;

/**
 * LOOKUP3res (RFC 1813 section 3.3.3): on success the object's handle and attributes and the
 * directory's attributes; on failure the directory's attributes.
 */
public final class LOOKUP3res implements SizedXdr {

    public NfsStatus status;
    public byte[] object;
    public FileAttributes obj_attributes;
    public FileAttributes dir_attributes;

    public LOOKUP3res() {}

    public static LOOKUP3res ok(byte[] object, FileAttributes attributes, FileAttributes dirAttributes) {
        LOOKUP3res r = new LOOKUP3res();
        r.status = NfsStatus.OK;
        r.object = object;
        r.obj_attributes = attributes;
        r.dir_attributes = dirAttributes;
        return r;
    }

    public static LOOKUP3res fail(NfsStatus status, FileAttributes dirAttributes) {
        LOOKUP3res r = new LOOKUP3res();
        r.status = status;
        r.dir_attributes = dirAttributes;
        return r;
    }

    @Override
    public int encodedSize() {
        return 4 + nfs_fh3.size(nfs_fh3.MAX_BYTES) + 2 * post_op_attr.MAX_BYTES;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        if (status == NfsStatus.OK) {
            nfs_fh3.encode(xdr, object);
            post_op_attr.encode(xdr, obj_attributes);
        }
        post_op_attr.encode(xdr, dir_attributes);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        if (status == NfsStatus.OK) {
            object = nfs_fh3.decode(xdr);
            obj_attributes = post_op_attr.decode(xdr);
        }
        dir_attributes = post_op_attr.decode(xdr);
    }
}
