package org.pmnfs.server.nsm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** mon_id: the host watched and who watches it; SM_UNMON's argument. */
public final class mon_id implements XdrAble {

    public String monName = "";
    public final my_id myId = new my_id();

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        monName = sm_name.decodeString(xdr, "mon_name");
        myId.xdrDecode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        sm_name.encodeString(xdr, monName);
        myId.xdrEncode(xdr);
    }
}
