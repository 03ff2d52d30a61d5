package org.pmnfs.server.rpc;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;

/**
 * Bounded decoding of variable-length XDR items from untrusted calls. oncrpc4j's
 * {@code xdrDecodeDynamicOpaque} allocates the announced length before checking that the bytes are
 * there, so a 4-byte length of 0x7fffffff would allocate 2 GiB; these helpers check the length
 * against a limit and against the bytes left in the record first.
 */
public final class XdrLimits {

    private XdrLimits() {}

    /** A variable-length opaque of at most {@code max} bytes; GARBAGE_ARGS otherwise. */
    public static byte[] opaque(XdrDecodingStream xdr, int max, String what) throws IOException {
        int length = length(xdr, max, what);
        return xdr.xdrDecodeOpaque(length);
    }

    /**
     * Reads a length word and checks {@code 0 <= length <= max} and that the (padded) bytes are
     * present in the record.
     */
    public static int length(XdrDecodingStream xdr, int max, String what) throws IOException {
        int length = xdr.xdrDecodeInt();
        if (length < 0 || length > max) {
            throw new GarbageArgsException(what + ": length " + Integer.toUnsignedString(length)
                    + " exceeds the limit of " + max + " bytes");
        }
        int left = remaining(xdr);
        if (length > left) {
            throw new GarbageArgsException(what + ": length " + length + " but only " + left
                    + " bytes left in the call");
        }
        return length;
    }

    /** An unsigned 32-bit count of at most {@code max} items. */
    public static int count(XdrDecodingStream xdr, int max, String what) throws IOException {
        int n = xdr.xdrDecodeInt();
        if (n < 0 || n > max) {
            throw new GarbageArgsException(what + ": " + Integer.toUnsignedString(n) + " items exceed the limit of " + max);
        }
        return n;
    }

    /** Bytes not yet decoded, or Integer.MAX_VALUE when the stream does not say. */
    public static int remaining(XdrDecodingStream xdr) {
        return xdr instanceof Xdr x ? x.asBuffer().remaining() : Integer.MAX_VALUE;
    }

    /** Bytes an opaque of {@code length} bytes occupies on the wire after its length word. */
    public static int padded(int length) {
        return (length + 3) & ~3;
    }
}
