package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;

/** GETATTR3res (RFC 1813 section 3.3.1): the object's attributes on success, nothing otherwise. */
public final class GETATTR3res implements SizedXdr {

    public NfsStatus status;
    public FileAttributes obj_attributes;

    public GETATTR3res() {}

    public GETATTR3res(NfsStatus status, FileAttributes attributes) {
        this.status = status;
        this.obj_attributes = attributes;
    }

    @Override
    public int encodedSize() {
        return 4 + fattr3.BYTES;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        if (status == NfsStatus.OK) {
            fattr3.encode(xdr, obj_attributes);
        }
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        obj_attributes = status == NfsStatus.OK ? fattr3.decode(xdr) : null;
    }
}
