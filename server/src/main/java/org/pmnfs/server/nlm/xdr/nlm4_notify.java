package org.pmnfs.server.nlm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** nlm4_notify: FREE_ALL's argument, the name of a client that rebooted and its new state. */
public final class nlm4_notify implements XdrAble {

    public String name = "";
    public int state;

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        name = netobj.decodeString(xdr, "name");
        state = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        netobj.encodeString(xdr, name);
        xdr.xdrEncodeInt(state);
    }
}
