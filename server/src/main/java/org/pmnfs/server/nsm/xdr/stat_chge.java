package org.pmnfs.server.nsm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** stat_chge: SM_NOTIFY's argument, a host that rebooted and its new state number. */
public final class stat_chge implements XdrAble {

    public String monName = "";
    public int state;

    public stat_chge() {}

    public stat_chge(String monName, int state) {
        this.monName = monName;
        this.state = state;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        monName = sm_name.decodeString(xdr, "mon_name");
        state = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        sm_name.encodeString(xdr, monName);
        xdr.xdrEncodeInt(state);
    }
}
