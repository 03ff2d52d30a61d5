package org.pmnfs.server.nsm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * status (sm_inter.x): what a statd sends to the service that asked to watch a host, when the
 * host rebooted: its name, its new state and the 16 private bytes of the SM_MON. Linux's lockd
 * takes it as NLM version 3 procedure 16 (fs/lockd/svcproc.c, struct nlm_reboot).
 */
public final class sm_status implements XdrAble {

    public String monName = "";
    public int state;
    public byte[] priv = new byte[mon.PRIV_BYTES];

    public sm_status() {}

    public sm_status(String monName, int state, byte[] priv) {
        this.monName = monName;
        this.state = state;
        this.priv = priv.clone();
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        monName = sm_name.decodeString(xdr, "mon_name");
        state = xdr.xdrDecodeInt();
        priv = xdr.xdrDecodeOpaque(mon.PRIV_BYTES);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        sm_name.encodeString(xdr, monName);
        xdr.xdrEncodeInt(state);
        xdr.xdrEncodeOpaque(priv, mon.PRIV_BYTES);
    }
}
