package org.pmnfs.server.nsm.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** my_id: who to call back when a watched host reboots (name, program, version, procedure). */
public final class my_id implements XdrAble {

    public String myName = "";
    public int myProg;
    public int myVers;
    public int myProc;

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        myName = sm_name.decodeString(xdr, "my_name");
        myProg = xdr.xdrDecodeInt();
        myVers = xdr.xdrDecodeInt();
        myProc = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        sm_name.encodeString(xdr, myName);
        xdr.xdrEncodeInt(myProg);
        xdr.xdrEncodeInt(myVers);
        xdr.xdrEncodeInt(myProc);
    }
}
