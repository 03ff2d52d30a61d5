package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** nlm4_lockargs: the arguments of LOCK, LOCK_MSG and NM_LOCK. */
public final class nlm4_lockargs implements XdrAble {

    public byte[] cookie = new byte[0];
    public boolean block;
    public boolean exclusive;
    public final nlm4_lock alock;
    public boolean reclaim;
    /** The client's NSM state number. */
    public int state;

    public nlm4_lockargs(int version) {
        alock = new nlm4_lock(version);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        cookie = netobj.decode(xdr, "cookie");
        block = xdr.xdrDecodeBoolean();
        exclusive = xdr.xdrDecodeBoolean();
        alock.xdrDecode(xdr);
        reclaim = xdr.xdrDecodeBoolean();
        state = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws IOException {
        netobj.encode(xdr, cookie);
        xdr.xdrEncodeBoolean(block);
        xdr.xdrEncodeBoolean(exclusive);
        alock.xdrEncode(xdr);
        xdr.xdrEncodeBoolean(reclaim);
        xdr.xdrEncodeInt(state);
    }
}
