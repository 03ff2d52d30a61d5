package org.pmnfs.server.portmap;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * struct mapping (RFC 1833 section 3.1): a program, version and protocol, and the port serving them.
 * The argument of GETPORT/SET/UNSET and the element of DUMP's list.
 */
public final class mapping implements XdrAble {

    /** IPPROTO_TCP. */
    public static final int IPPROTO_TCP = 6;
    /** IPPROTO_UDP. */
    public static final int IPPROTO_UDP = 17;

    public int prog;
    public int vers;
    public int prot;
    public int port;

    public mapping() {}

    public mapping(int prog, int vers, int prot, int port) {
        this.prog = prog;
        this.vers = vers;
        this.prot = prot;
        this.port = port;
    }

    /** True when this mapping answers a GETPORT for {@code query} (the query's port is ignored). */
    boolean answers(mapping query) {
        return prog == query.prog && vers == query.vers && prot == query.prot;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        prog = xdr.xdrDecodeInt();
        vers = xdr.xdrDecodeInt();
        prot = xdr.xdrDecodeInt();
        port = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws IOException {
        xdr.xdrEncodeInt(prog);
        xdr.xdrEncodeInt(vers);
        xdr.xdrEncodeInt(prot);
        xdr.xdrEncodeInt(port);
    }

    @Override
    public String toString() {
        return prog + " v" + vers + (prot == IPPROTO_TCP ? " tcp" : prot == IPPROTO_UDP ? " udp" : " proto " + prot) + " port " + port;
    }
}
