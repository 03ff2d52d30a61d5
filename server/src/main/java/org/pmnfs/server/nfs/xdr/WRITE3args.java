package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.pmnfs.server.rpc.GarbageArgsException;
import org.pmnfs.server.rpc.XdrLimits;
import org.pmnfs.vfs.StableHow;

/**
 * WRITE3args (RFC 1813 section 3.3.7). Decoding does not copy the data: {@link #data} holds
 * ByteBuffer views of the request record's own buffers (one per buffer the record spans when it
 * arrived in several reads), valid while the request is being served. count must equal the data
 * length, as Linux nfsd insists.
 */
public final class WRITE3args implements XdrAble {

    private static final ByteBuffer[] NO_DATA = new ByteBuffer[0];

    public byte[] file;
    public long offset;
    public int count;
    public StableHow stable;
    public ByteBuffer[] data = NO_DATA;

    public WRITE3args() {}

    public WRITE3args(byte[] file, long offset, StableHow stable, ByteBuffer data) {
        this.file = file;
        this.offset = offset;
        this.count = data.remaining();
        this.stable = stable;
        this.data = new ByteBuffer[] {data};
    }

    /**
     * The stable_how of the WRITE3args at {@code args}' position, read without moving it; null
     * when the bytes there cannot start a WRITE3args (the decoder then says why).
     */
    public static StableHow peekStable(Buffer args) {
        // file, offset, count, then stable.
        int stableAt = FileOffsetCount.end(args);
        if (stableAt < 0 || args.limit() - stableAt < Integer.BYTES) {
            return null;
        }
        return StableHow.ofCode(args.getInt(stableAt));
    }

    /**
     * The count of the WRITE3args at {@code args}' position, read without moving it; -1 when the
     * bytes there cannot start a WRITE3args.
     */
    public static long peekCount(Buffer args) {
        return FileOffsetCount.peekCount(args);
    }

    /** Bytes of data. */
    public int dataLength() {
        int n = 0;
        for (ByteBuffer b : data) {
            n += b.remaining();
        }
        return n;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        file = nfs_fh3.decode(xdr);
        offset = xdr.xdrDecodeLong();
        count = xdr.xdrDecodeInt();
        int how = xdr.xdrDecodeInt();
        stable = StableHow.ofCode(how);
        if (stable == null) {
            throw new GarbageArgsException("WRITE3args stable_how " + Integer.toUnsignedString(how) + " is not 0, 1 or 2");
        }
        int length = XdrLimits.length(xdr, Integer.MAX_VALUE, "WRITE3args data");
        if (length != count) {
            throw new GarbageArgsException("WRITE3args count " + Integer.toUnsignedString(count)
                    + " differs from the data length " + length);
        }
        if (!(xdr instanceof Xdr x)) {
            data = new ByteBuffer[] {ByteBuffer.wrap(xdr.xdrDecodeOpaque(length))};
            return;
        }
        Buffer record = x.asBuffer();
        int start = record.position();
        data = views(record, start, start + length);
        record.position(Math.min(record.limit(), start + XdrLimits.padded(length)));
    }

    /** Independent ByteBuffer views of {@code [from, to)} of a (possibly composite) buffer. */
    private static ByteBuffer[] views(Buffer record, int from, int to) {
        if (from == to) {
            return NO_DATA;
        }
        if (!record.isComposite()) {
            return new ByteBuffer[] {record.toByteBuffer(from, to).slice()};
        }
        ByteBufferArray array = record.toByteBufferArray(from, to);
        try {
            ByteBuffer[] shared = array.getArray();
            ByteBuffer[] views = new ByteBuffer[array.size()];
            for (int i = 0; i < views.length; i++) {
                // toByteBufferArray hands out each buffer's cached ByteBuffer; slice so ours stay put.
                views[i] = shared[i].slice();
            }
            return views;
        } finally {
            array.restore();
            array.recycle();
        }
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        nfs_fh3.encode(xdr, file);
        xdr.xdrEncodeLong(offset);
        xdr.xdrEncodeInt(count);
        xdr.xdrEncodeInt(stable.code());
        int length = dataLength();
        byte[] bytes = new byte[length];
        int at = 0;
        for (ByteBuffer b : data) {
            int n = b.remaining();
            b.duplicate().get(bytes, at, n);
            at += n;
        }
        xdr.xdrEncodeDynamicOpaque(bytes);
    }

    @Override
    public String toString() {
        return "WRITE3args offset " + offset + " count " + count + " " + stable + " in " + Arrays.toString(data);
    }
}
