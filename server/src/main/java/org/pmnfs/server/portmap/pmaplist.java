package org.pmnfs.server.portmap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;

/**
 * The result of DUMP (RFC 1833 section 3.2): a linked list of {@link mapping}s, each preceded by a
 * "value follows" word and ended by FALSE.
 */
public final class pmaplist implements SizedXdr {

    /** Upper bound on entries decoded from a reply (a client-side guard). */
    private static final int MAX_DECODED = 4096;

    public final List<mapping> mappings = new ArrayList<>();

    public pmaplist() {}

    public pmaplist(List<mapping> mappings) {
        this.mappings.addAll(mappings);
    }

    @Override
    public int encodedSize() {
        return mappings.size() * 20 + 4;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws IOException {
        for (XdrAble m : mappings) {
            xdr.xdrEncodeBoolean(true);
            m.xdrEncode(xdr);
        }
        xdr.xdrEncodeBoolean(false);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        mappings.clear();
        while (xdr.xdrDecodeBoolean()) {
            if (mappings.size() == MAX_DECODED) {
                throw new IOException("pmaplist longer than " + MAX_DECODED + " entries");
            }
            mapping m = new mapping();
            m.xdrDecode(xdr);
            mappings.add(m);
        }
    }
}
