package org.pmnfs.server.nfs.xdr;

import org.glassfish.grizzly.Buffer;

/**
 * The fields READ3args and WRITE3args both begin with (file handle, offset, count), peeked at
 * without decoding: whether a call is quick is decided before its arguments are decoded.
 */
final class FileOffsetCount {

    private FileOffsetCount() {}

    /** Where the count ends in {@code args} (absolute), or -1 when the handle's length is bad or the bytes are short. */
    static int end(Buffer args) {
        int at = args.position();
        if (args.limit() - at < Integer.BYTES) {
            return -1;
        }
        int handleBytes = args.getInt(at);
        if (handleBytes < 0 || handleBytes > nfs_fh3.MAX_BYTES) {
            return -1;
        }
        int end = at + nfs_fh3.size(handleBytes) + Long.BYTES + Integer.BYTES;
        return args.limit() < end ? -1 : end;
    }

    /** The count (uint32), or -1 as {@link #end} says. */
    static long peekCount(Buffer args) {
        int end = end(args);
        return end < 0 ? -1 : Integer.toUnsignedLong(args.getInt(end - Integer.BYTES));
    }
}
