package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FsStat;
import org.pmnfs.vfs.NfsStatus;

/** FSSTAT3res (RFC 1813 section 3.3.18): the root's attributes and, on success, space and file counts. */
public final class FSSTAT3res implements SizedXdr {

    public NfsStatus status;
    public FileAttributes obj_attributes;
    public FsStat stat;

    public FSSTAT3res() {}

    public FSSTAT3res(NfsStatus status, FileAttributes attributes, FsStat stat) {
        this.status = status;
        this.obj_attributes = attributes;
        this.stat = stat;
    }

    @Override
    public int encodedSize() {
        return 4 + post_op_attr.MAX_BYTES + 6 * 8 + 4;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        post_op_attr.encode(xdr, obj_attributes);
        if (status == NfsStatus.OK) {
            xdr.xdrEncodeLong(stat.totalBytes());
            xdr.xdrEncodeLong(stat.freeBytes());
            xdr.xdrEncodeLong(stat.availableBytes());
            xdr.xdrEncodeLong(stat.totalFiles());
            xdr.xdrEncodeLong(stat.freeFiles());
            xdr.xdrEncodeLong(stat.availableFiles());
            xdr.xdrEncodeInt(stat.invarsec());
        }
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        obj_attributes = post_op_attr.decode(xdr);
        if (status == NfsStatus.OK) {
            stat = new FsStat(xdr.xdrDecodeLong(), xdr.xdrDecodeLong(), xdr.xdrDecodeLong(),
                    xdr.xdrDecodeLong(), xdr.xdrDecodeLong(), xdr.xdrDecodeLong(), xdr.xdrDecodeInt());
        }
    }
}
