package org.pmnfs.server.nfs;

import java.util.Arrays;
import org.pmnfs.server.nfs.xdr.nfs_fh3;
import org.pmnfs.vfs.BadHandleException;
import org.pmnfs.vfs.FileHandle;

/**
 * The handle a client holds: the 4-byte id of the export it was reached through (big-endian, from
 * {@code Export.id()}) followed by the backend's own handle, at most 64 bytes in all (RFC 1813
 * NFS3_FHSIZE). The export id lets every request be checked against the export's client rules.
 */
public final class WireHandle {

    /** Bytes of the export id prefix. */
    public static final int EXPORT_ID_BYTES = 4;

    private WireHandle() {}

    /** The wire form of {@code handle} reached through the export with {@code exportId}. */
    public static byte[] encode(int exportId, FileHandle handle) {
        int length = EXPORT_ID_BYTES + handle.length();
        if (length > nfs_fh3.MAX_BYTES) {
            throw new IllegalStateException("backend handle of " + handle.length() + " bytes leaves no room for the "
                    + EXPORT_ID_BYTES + "-byte export id within " + nfs_fh3.MAX_BYTES + " bytes");
        }
        byte[] wire = new byte[length];
        wire[0] = (byte) (exportId >>> 24);
        wire[1] = (byte) (exportId >>> 16);
        wire[2] = (byte) (exportId >>> 8);
        wire[3] = (byte) exportId;
        handle.copyTo(wire, EXPORT_ID_BYTES);
        return wire;
    }

    /** The export id of a wire handle; BADHANDLE when it is too short to hold one and a backend handle. */
    public static int exportId(byte[] wire) throws BadHandleException {
        if (wire.length <= EXPORT_ID_BYTES) {
            throw new BadHandleException("handle of " + wire.length + " bytes is shorter than an export id ("
                    + EXPORT_ID_BYTES + " bytes) plus a file handle");
        }
        return (wire[0] & 0xff) << 24 | (wire[1] & 0xff) << 16 | (wire[2] & 0xff) << 8 | (wire[3] & 0xff);
    }

    /** The backend handle inside a wire handle (after {@link #exportId} accepted it). */
    public static FileHandle backendHandle(byte[] wire) {
        return new FileHandle(Arrays.copyOfRange(wire, EXPORT_ID_BYTES, wire.length));
    }
}
