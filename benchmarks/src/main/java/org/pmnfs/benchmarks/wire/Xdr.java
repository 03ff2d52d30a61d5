package org.pmnfs.benchmarks.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The few XDR encodings (RFC 4506) the probe needs, on plain big-endian ByteBuffers. */
final class Xdr {

    private Xdr() {}

    static int padded(int length) {
        return (length + 3) & ~3;
    }

    /** A variable-length opaque: its length, the bytes, zero padding. */
    static void putOpaque(ByteBuffer b, byte[] bytes) {
        b.putInt(bytes.length).put(bytes);
        for (int i = bytes.length; i < padded(bytes.length); i++) {
            b.put((byte) 0);
        }
    }

    static byte[] getOpaque(ByteBuffer b, int max) throws IOException {
        int length = b.getInt();
        if (length < 0 || length > max || padded(length) > b.remaining()) {
            throw new IOException("opaque of " + Integer.toUnsignedString(length) + " bytes (limit " + max + ", "
                    + b.remaining() + " left)");
        }
        byte[] bytes = new byte[length];
        b.get(bytes);
        b.position(b.position() + padded(length) - length);
        return bytes;
    }

    static void skipOpaque(ByteBuffer b) {
        int length = b.getInt();
        b.position(b.position() + padded(length));
    }

    static boolean getBoolean(ByteBuffer b) throws IOException {
        int v = b.getInt();
        if (v != 0 && v != 1) {
            throw new IOException("bool of value " + v);
        }
        return v == 1;
    }
}
