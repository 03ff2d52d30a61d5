package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.vfs.FileAttributes;

/** entryplus3 (RFC 1813 section 3.3.17): one READDIRPLUS entry with optional attributes and handle. */
public record entryplus3(long fileid, byte[] name, long cookie, FileAttributes name_attributes, byte[] name_handle) {

    /**
     * Bytes the entry counts against dircount: fileid, name and cookie (RFC 1813 leaves the exact
     * accounting to the server; this is what the reply spends on directory information).
     */
    public static int dirSize(int nameLength) {
        return entry3.size(nameLength) - 4;
    }

    /**
     * Bytes of the whole entry, including its "value follows" word, with or without attributes
     * and with a handle of {@code handleLength} bytes (-1: none).
     */
    public static int size(int nameLength, boolean hasAttributes, int handleLength) {
        return entry3.size(nameLength) + (hasAttributes ? post_op_attr.MAX_BYTES : 4)
                + (handleLength < 0 ? 4 : 4 + nfs_fh3.size(handleLength));
    }

    void encode(XdrEncodingStream xdr) {
        xdr.xdrEncodeLong(fileid);
        filename3.encode(xdr, name);
        xdr.xdrEncodeLong(cookie);
        post_op_attr.encode(xdr, name_attributes);
        post_op_fh3.encode(xdr, name_handle);
    }

    static entryplus3 decode(XdrDecodingStream xdr) throws IOException {
        return new entryplus3(xdr.xdrDecodeLong(), filename3.decode(xdr), xdr.xdrDecodeLong(),
                post_op_attr.decode(xdr), post_op_fh3.decode(xdr));
    }
}
