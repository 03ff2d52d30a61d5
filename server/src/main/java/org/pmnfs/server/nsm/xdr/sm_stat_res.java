package org.pmnfs.server.nsm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;

/** sm_stat_res: SM_STAT's and SM_MON's result, stat_succ (0) or stat_fail (1), and our state number. */
public final class sm_stat_res implements SizedXdr {

    public static final int STAT_SUCC = 0;
    public static final int STAT_FAIL = 1;

    public int resStat;
    public int state;

    public sm_stat_res() {}

    public sm_stat_res(int resStat, int state) {
        this.resStat = resStat;
        this.state = state;
    }

    @Override
    public int encodedSize() {
        return 8;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        resStat = xdr.xdrDecodeInt();
        state = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(resStat);
        xdr.xdrEncodeInt(state);
    }
}
