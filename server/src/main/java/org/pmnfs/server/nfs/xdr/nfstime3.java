package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.GarbageArgsException;

/**
 * nfstime3 (RFC 1813 section 2.6): unsigned seconds and nanoseconds since the epoch, held by pmnfs
 * as one long of nanoseconds.
 */
public final class nfstime3 {

    /** Encoded bytes. */
    public static final int BYTES = 8;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private nfstime3() {}

    public static void encode(XdrEncodingStream xdr, long nanos) {
        xdr.xdrEncodeInt((int) Math.floorDiv(nanos, NANOS_PER_SECOND));
        xdr.xdrEncodeInt((int) Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    /** Decodes to nanoseconds; a nanosecond field of a second or more is not a time. */
    public static long decode(XdrDecodingStream xdr) throws IOException {
        long seconds = Integer.toUnsignedLong(xdr.xdrDecodeInt());
        int nanos = xdr.xdrDecodeInt();
        if (nanos < 0 || nanos >= NANOS_PER_SECOND) {
            throw new GarbageArgsException("nfstime3 nseconds " + Integer.toUnsignedString(nanos) + " is not below 10^9");
        }
        return seconds * NANOS_PER_SECOND + nanos;
    }
}
