package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.nfs.xdr.nfs_fh3;
import org.pmnfs.server.rpc.GarbageArgsException;
import org.pmnfs.server.rpc.XdrLimits;

/**
 * nlm4_share / nlm_share: a DOS share reservation: caller, file, owner handle, the deny mode
 * (fsh4_mode 0..3) and the access (fsh4_access 0..3). Other values are GARBAGE_ARGS.
 */
public final class nlm4_share implements XdrAble {

    public String callerName = "";
    public byte[] fh = new byte[0];
    public byte[] oh = new byte[0];
    public int mode;
    public int access;

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        callerName = netobj.decodeString(xdr, "caller_name");
        int fhLength = XdrLimits.length(xdr, netobj.MAX_BYTES, "fh");
        if (fhLength > nfs_fh3.MAX_BYTES) {
            throw new GarbageArgsException("fh: " + fhLength + " bytes, more than an NFSv3 handle (" + nfs_fh3.MAX_BYTES + ")");
        }
        fh = xdr.xdrDecodeOpaque(fhLength);
        oh = netobj.decode(xdr, "oh");
        mode = xdr.xdrDecodeInt();
        access = xdr.xdrDecodeInt();
        if (mode < 0 || mode > 3 || access < 0 || access > 3) {
            throw new GarbageArgsException("share mode " + Integer.toUnsignedString(mode) + " or access "
                    + Integer.toUnsignedString(access) + " is not 0..3");
        }
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        netobj.encodeString(xdr, callerName);
        netobj.encode(xdr, fh);
        netobj.encode(xdr, oh);
        xdr.xdrEncodeInt(mode);
        xdr.xdrEncodeInt(access);
    }
}
