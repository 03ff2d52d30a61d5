package org.pmnfs.vfs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An opaque file handle made by a backend: 1 to {@link #MAX_BYTES} bytes, the same for the same
 * object across restarts, different once the object is gone (RFC 1813 section 4.1).
 */
public record FileHandle(byte[] bytes) {

    /** NFS3_FHSIZE: the protocol's limit on a handle's length, in bytes. */
    public static final int MAX_BYTES = 64;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    public FileHandle {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("handle bytes: length must be 1.." + MAX_BYTES
                    + ", got " + (bytes == null ? "null" : bytes.length));
        }
        bytes = bytes.clone();
    }

    /** The handle's bytes (a copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The byte at {@code index}, without copying the array. */
    public byte byteAt(int index) {
        return bytes[index];
    }

    /** The big-endian long at {@code offset}, without copying the array (decoding is on every request's path). */
    public long longAt(int offset) {
        return (long) LONG_BE.get(bytes, offset);
    }

    /** Copies the handle into {@code dst} at {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileHandle other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "fh:" + HexFormat.of().formatHex(bytes);
    }
}
