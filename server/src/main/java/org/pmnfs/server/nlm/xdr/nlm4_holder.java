package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** nlm4_holder / nlm_holder: the lock in the way, in TEST's DENIED reply. */
public final class nlm4_holder implements XdrAble {

    private final boolean wide;

    public boolean exclusive;
    public int svid;
    public byte[] oh = new byte[0];
    public long offset;
    public long length;

    public nlm4_holder(int version) {
        this.wide = version >= 4;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        exclusive = xdr.xdrDecodeBoolean();
        svid = xdr.xdrDecodeInt();
        oh = netobj.decode(xdr, "oh");
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
        xdr.xdrEncodeBoolean(exclusive);
        xdr.xdrEncodeInt(svid);
        netobj.encode(xdr, oh);
        nlm4_lock.encodeRange(xdr, wide, offset, length);
    }
}
