package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.PathConf;

/** PATHCONF3res (RFC 1813 section 3.3.20): the object's attributes and, on success, POSIX limits. */
public final class PATHCONF3res implements SizedXdr {

    public NfsStatus status;
    public FileAttributes obj_attributes;
    public PathConf conf;

    public PATHCONF3res() {}

    public PATHCONF3res(NfsStatus status, FileAttributes attributes, PathConf conf) {
        this.status = status;
        this.obj_attributes = attributes;
        this.conf = conf;
    }

    @Override
    public int encodedSize() {
        return 4 + post_op_attr.MAX_BYTES + 6 * 4;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        post_op_attr.encode(xdr, obj_attributes);
        if (status == NfsStatus.OK) {
            xdr.xdrEncodeInt(conf.linkMax());
            xdr.xdrEncodeInt(conf.nameMax());
            xdr.xdrEncodeBoolean(conf.noTrunc());
            xdr.xdrEncodeBoolean(conf.chownRestricted());
            xdr.xdrEncodeBoolean(conf.caseInsensitive());
            xdr.xdrEncodeBoolean(conf.casePreserving());
        }
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        obj_attributes = post_op_attr.decode(xdr);
        if (status == NfsStatus.OK) {
            conf = new PathConf(xdr.xdrDecodeInt(), xdr.xdrDecodeInt(), xdr.xdrDecodeBoolean(), xdr.xdrDecodeBoolean(),
                    xdr.xdrDecodeBoolean(), xdr.xdrDecodeBoolean());
        }
    }
}
