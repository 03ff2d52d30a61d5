package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.glassfish.grizzly.Buffer;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.server.rpc.XdrLimits;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;

/**
 * READ3res (RFC 1813 section 3.3.6). On the server the data is not held here: the backend has
 * already copied it into the reply buffer at {@link #DATA_OFFSET} bytes after the status word,
 * and encoding writes the fields before it and steps over it (zeroing the XDR padding). On the
 * client the data is decoded into {@link #data}.
 */
public final class READ3res implements SizedXdr {

    /**
     * Bytes from the status word to the first data byte of a successful reply: status, post_op_attr
     * with attributes, count, eof, and the opaque's length.
     */
    public static final int DATA_OFFSET = 4 + post_op_attr.MAX_BYTES + 4 + 4 + 4;

    private static final int MAX_DECODED = 1 << 24;

    public NfsStatus status;
    public FileAttributes file_attributes;
    public int count;
    public boolean eof;
    /** Client side: the data read. */
    public byte[] data;
    /** Server side: where the data already sits in the reply buffer, or -1. */
    private int prefilledAt = -1;

    public READ3res() {}

    public static READ3res fail(NfsStatus status, FileAttributes attributes) {
        READ3res r = new READ3res();
        r.status = status;
        r.file_attributes = attributes;
        return r;
    }

    /**
     * A successful reply whose {@code count} data bytes already sit at absolute position
     * {@code dataPosition} of the reply buffer it will be encoded into.
     */
    public static READ3res prefilled(FileAttributes attributes, int count, boolean eof, int dataPosition) {
        READ3res r = new READ3res();
        r.status = NfsStatus.OK;
        r.file_attributes = attributes;
        r.count = count;
        r.eof = eof;
        r.prefilledAt = dataPosition;
        return r;
    }

    /** Bytes of a successful reply body carrying {@code count} data bytes. */
    public static int okSize(int count) {
        return DATA_OFFSET + XdrLimits.padded(count);
    }

    @Override
    public int encodedSize() {
        return status == NfsStatus.OK ? okSize(count) : 4 + post_op_attr.MAX_BYTES;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        post_op_attr.encode(xdr, file_attributes);
        if (status != NfsStatus.OK) {
            return;
        }
        xdr.xdrEncodeInt(count);
        xdr.xdrEncodeBoolean(eof);
        if (prefilledAt < 0) {
            xdr.xdrEncodeDynamicOpaque(data);
            return;
        }
        xdr.xdrEncodeInt(count);
        Buffer buffer = ((Xdr) xdr).asBuffer();
        if (buffer.position() != prefilledAt) {
            throw new IllegalStateException("READ reply header ends at " + buffer.position()
                    + " but the data was placed at " + prefilledAt);
        }
        int end = prefilledAt + count;
        for (int pad = end; pad < prefilledAt + XdrLimits.padded(count); pad++) {
            buffer.put(pad, (byte) 0);
        }
        buffer.position(prefilledAt + XdrLimits.padded(count));
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        file_attributes = post_op_attr.decode(xdr);
        if (status == NfsStatus.OK) {
            count = xdr.xdrDecodeInt();
            eof = xdr.xdrDecodeBoolean();
            data = XdrLimits.opaque(xdr, MAX_DECODED, "READ3resok data");
        }
    }
}
