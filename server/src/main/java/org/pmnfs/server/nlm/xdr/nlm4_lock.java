package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.nfs.xdr.nfs_fh3;
import org.pmnfs.server.rpc.GarbageArgsException;
import org.pmnfs.server.rpc.XdrLimits;

/**
 * nlm4_lock (version 4) and nlm_lock (versions 1 and 3, whose offset and length are 32 bits):
 * the caller's name, the file handle, the owner handle, the svid and the byte range. The file
 * handle is at most NFS3_FHSIZE (64) bytes, as Linux lockd accepts (fs/lockd/xdr4.c).
 */
public final class nlm4_lock implements XdrAble {

    private final boolean wide;

    public String callerName = "";
    public byte[] fh = new byte[0];
    public byte[] oh = new byte[0];
    public int svid;
    /** Unsigned. */
    public long offset;
    /** Unsigned; 0 means to the end of the file. */
    public long length;

    /** A lock in the form of NLM {@code version} (1, 3 or 4). */
    public nlm4_lock(int version) {
        this.wide = version >= 4;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        callerName = netobj.decodeString(xdr, "caller_name");
        int fhLength = XdrLimits.length(xdr, netobj.MAX_BYTES, "fh");
        if (fhLength > nfs_fh3.MAX_BYTES) {
            throw new GarbageArgsException("fh: " + fhLength + " bytes, more than an NFSv3 handle (" + nfs_fh3.MAX_BYTES + ")");
        }
        fh = xdr.xdrDecodeOpaque(fhLength);
        oh = netobj.decode(xdr, "oh");
        svid = xdr.xdrDecodeInt();
        if (wide) {
            offset = xdr.xdrDecodeLong();
            length = xdr.xdrDecodeLong();
        } else {
            offset = Integer.toUnsignedLong(xdr.xdrDecodeInt());
            length = Integer.toUnsignedLong(xdr.xdrDecodeInt());
        }
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws IOException {
        netobj.encodeString(xdr, callerName);
        netobj.encode(xdr, fh);
        netobj.encode(xdr, oh);
        xdr.xdrEncodeInt(svid);
        encodeRange(xdr, wide, offset, length);
    }

    /** An offset and length, 64 bits each in version 4, else 32 (clamped: 0 length = to the end). */
    static void encodeRange(XdrEncodingStream xdr, boolean wide, long offset, long length) {
        if (wide) {
            xdr.xdrEncodeLong(offset);
            xdr.xdrEncodeLong(length);
        } else {
            xdr.xdrEncodeInt((int) Math.min(offset, 0xffff_ffffL));
            xdr.xdrEncodeInt(Long.compareUnsigned(length, 0xffff_ffffL) > 0 ? 0 : (int) length);
        }
    }
}
