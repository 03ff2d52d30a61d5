package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.vfs.SetAttributes;

/**
 * SETATTR3args (RFC 1813 section 3.3.2): the object, the attributes to set, and the optional
 * sattrguard3 (the ctime the object must still have), null when unguarded.
 */
public final class SETATTR3args implements XdrAble {

    public byte[] object;
    public SetAttributes new_attributes;
    public Long guardCtimeNanos;

    public SETATTR3args() {}

    public SETATTR3args(byte[] object, SetAttributes attributes, Long guardCtimeNanos) {
        this.object = object;
        this.new_attributes = attributes;
        this.guardCtimeNanos = guardCtimeNanos;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        object = nfs_fh3.decode(xdr);
        new_attributes = sattr3.decode(xdr);
        guardCtimeNanos = xdr.xdrDecodeBoolean() ? nfstime3.decode(xdr) : null;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        nfs_fh3.encode(xdr, object);
        sattr3.encode(xdr, new_attributes);
        xdr.xdrEncodeBoolean(guardCtimeNanos != null);
        if (guardCtimeNanos != null) {
            nfstime3.encode(xdr, guardCtimeNanos);
        }
    }
}
