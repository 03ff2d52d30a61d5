package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.pmnfs.server.rpc.GarbageArgsException;
import org.pmnfs.vfs.NfsStatus;

/** nfsstat3 (RFC 1813 section 2.6): the status word that opens every NFSv3 result. */
public final class nfsstat3 {

    private nfsstat3() {}

    /** Decodes a status word; an unknown value is an error of the peer. */
    public static NfsStatus decode(XdrDecodingStream xdr) throws IOException {
        int code = xdr.xdrDecodeInt();
        for (NfsStatus s : NfsStatus.values()) {
            if (s.code() == code) {
                return s;
            }
        }
        throw new GarbageArgsException("unknown nfsstat3 " + code);
    }
}
