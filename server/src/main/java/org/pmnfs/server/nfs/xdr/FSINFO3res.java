package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;

/** FSINFO3res (RFC 1813 section 3.3.19): transfer sizes, limits and properties of the file system. */
public final class FSINFO3res implements SizedXdr {

    public static final int FSF3_LINK = 0x0001;
    public static final int FSF3_SYMLINK = 0x0002;
    public static final int FSF3_HOMOGENEOUS = 0x0008;
    public static final int FSF3_CANSETTIME = 0x0010;

    public NfsStatus status;
    public FileAttributes obj_attributes;
    public int rtmax;
    public int rtpref;
    public int rtmult;
    public int wtmax;
    public int wtpref;
    public int wtmult;
    public int dtpref;
    public long maxfilesize;
    public long time_delta_nanos;
    public int properties;

    public FSINFO3res() {}

    public static FSINFO3res fail(NfsStatus status, FileAttributes attributes) {
        FSINFO3res r = new FSINFO3res();
        r.status = status;
        r.obj_attributes = attributes;
        return r;
    }

    @Override
    public int encodedSize() {
        return 4 + post_op_attr.MAX_BYTES + 7 * 4 + 8 + nfstime3.BYTES + 4;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        post_op_attr.encode(xdr, obj_attributes);
        if (status == NfsStatus.OK) {
            xdr.xdrEncodeInt(rtmax);
            xdr.xdrEncodeInt(rtpref);
            xdr.xdrEncodeInt(rtmult);
            xdr.xdrEncodeInt(wtmax);
            xdr.xdrEncodeInt(wtpref);
            xdr.xdrEncodeInt(wtmult);
            xdr.xdrEncodeInt(dtpref);
            xdr.xdrEncodeLong(maxfilesize);
            nfstime3.encode(xdr, time_delta_nanos);
            xdr.xdrEncodeInt(properties);
        }
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        obj_attributes = post_op_attr.decode(xdr);
        if (status == NfsStatus.OK) {
            rtmax = xdr.xdrDecodeInt();
            rtpref = xdr.xdrDecodeInt();
            rtmult = xdr.xdrDecodeInt();
            wtmax = xdr.xdrDecodeInt();
            wtpref = xdr.xdrDecodeInt();
            wtmult = xdr.xdrDecodeInt();
            dtpref = xdr.xdrDecodeInt();
            maxfilesize = xdr.xdrDecodeLong();
            time_delta_nanos = nfstime3.decode(xdr);
            properties = xdr.xdrDecodeInt();
        }
    }
}
