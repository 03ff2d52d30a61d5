package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.WccData;

/** LINK3res (RFC 1813 section 3.3.15): the file's attributes and the directory's wcc_data. */
public final class LINK3res implements SizedXdr {

    public NfsStatus status;
    public FileAttributes file_attributes;
    public WccData linkdir_wcc;

    public LINK3res() {}

    public LINK3res(NfsStatus status, FileAttributes fileAttributes, WccData dirWcc) {
        this.status = status;
        this.file_attributes = fileAttributes;
        this.linkdir_wcc = dirWcc;
    }

    @Override
    public int encodedSize() {
        return 4 + post_op_attr.MAX_BYTES + wcc_data.MAX_BYTES;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        post_op_attr.encode(xdr, file_attributes);
        wcc_data.encode(xdr, linkdir_wcc);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        file_attributes = post_op_attr.decode(xdr);
        linkdir_wcc = wcc_data.decode(xdr);
    }
}
