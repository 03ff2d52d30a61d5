package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.XdrLimits;

/** entry3 (RFC 1813 section 3.3.16): one READDIR entry, without the list's "value follows" word. */
public record entry3(long fileid, byte[] name, long cookie) {

    /** Bytes of an entry with a name of {@code nameLength} bytes, including its "value follows" word. */
    public static int size(int nameLength) {
        return 4 + 8 + 4 + XdrLimits.padded(nameLength) + 8;
    }

    void encode(XdrEncodingStream xdr) {
        xdr.xdrEncodeLong(fileid);
        filename3.encode(xdr, name);
        xdr.xdrEncodeLong(cookie);
    }

    static entry3 decode(XdrDecodingStream xdr) throws IOException {
        return new entry3(xdr.xdrDecodeLong(), filename3.decode(xdr), xdr.xdrDecodeLong());
    }
}
