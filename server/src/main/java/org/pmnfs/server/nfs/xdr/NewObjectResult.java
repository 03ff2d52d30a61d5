package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/**
 * The shape RFC 1813 gives CREATE3res, MKDIR3res, SYMLINK3res and MKNOD3res: on success the new
 * object's handle and attributes (both optional) and the directory's wcc_data; on failure the
 * directory's wcc_data.
 */
abstract class NewObjectResult implements SizedXdr {

    public NfsStatus status;
    public byte[] obj;
    public FileAttributes obj_attributes;
    public WccData dir_wcc;

    final void set(NfsStatus status, byte[] handle, FileAttributes attributes, WccData dirWcc) {
        this.status = status;
        this.obj = handle;
        this.obj_attributes = attributes;
        this.dir_wcc = dirWcc;
    }

    @Override
    public int encodedSize() {
        return 4 + post_op_fh3.MAX_BYTES + post_op_attr.MAX_BYTES + wcc_data.MAX_BYTES;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        if (status == NfsStatus.OK) {
            post_op_fh3.encode(xdr, obj);
            post_op_attr.encode(xdr, obj_attributes);
        }
        wcc_data.encode(xdr, dir_wcc);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        if (status == NfsStatus.OK) {
            obj = post_op_fh3.decode(xdr);
            obj_attributes = post_op_attr.decode(xdr);
        }
        dir_wcc = wcc_data.decode(xdr);
    }
}
