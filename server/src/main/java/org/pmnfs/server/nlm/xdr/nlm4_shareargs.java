package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** nlm4_shareargs: the arguments of SHARE and UNSHARE. */
public final class nlm4_shareargs implements XdrAble {

    public byte[] cookie = new byte[0];
    public final nlm4_share share = new nlm4_share();
    public boolean reclaim;

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        cookie = netobj.decode(xdr, "cookie");
        share.xdrDecode(xdr);
        reclaim = xdr.xdrDecodeBoolean();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws IOException {
        netobj.encode(xdr, cookie);
        share.xdrEncode(xdr);
        xdr.xdrEncodeBoolean(reclaim);
    }
}
