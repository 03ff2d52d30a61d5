package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.XdrLimits;
import org.pmnfs.vfs.SetAttributes;

/**
 * SYMLINK3args (RFC 1813 section 3.3.10): where, and symlinkdata3 (attributes and the nfspath3
 * target). Targets are decoded up to {@link #MAX_DECODED_TARGET_BYTES}, so an over-long one reaches
 * the backend and gets NAMETOOLONG rather than GARBAGE_ARGS.
 */
public final class SYMLINK3args implements XdrAble {

    /** Twice PATH_MAX: longer targets are garbage, shorter ones are judged by the backend. */
    public static final int MAX_DECODED_TARGET_BYTES = 8192;

    public diropargs3 where = new diropargs3();
    public SetAttributes symlink_attributes = SetAttributes.NONE;
    public byte[] symlink_data;

    public SYMLINK3args() {}

    public SYMLINK3args(byte[] dir, byte[] name, SetAttributes attributes, byte[] target) {
        this.where = new diropargs3(dir, name);
        this.symlink_attributes = attributes;
        this.symlink_data = target;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        where.xdrDecode(xdr);
        symlink_attributes = sattr3.decode(xdr);
        symlink_data = XdrLimits.opaque(xdr, MAX_DECODED_TARGET_BYTES, "nfspath3");
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        where.xdrEncode(xdr);
        sattr3.encode(xdr, symlink_attributes);
        xdr.xdrEncodeDynamicOpaque(symlink_data);
    }
}
