package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.glassfish.grizzly.Buffer;

/** READ3args (RFC 1813 section 3.3.6): file, offset (uint64) and count (uint32, unsigned in an int). */
public final class READ3args implements XdrAble {

    public byte[] file;
    public long offset;
    public int count;

    public READ3args() {}

    public READ3args(byte[] file, long offset, int count) {
        this.file = file;
        this.offset = offset;
        this.count = count;
    }

    /**
     * The count of the READ3args at {@code args}' position, read without moving it; -1 when the
     * bytes there cannot start a READ3args (the decoder then says why).
     */
    public static long peekCount(Buffer args) {
        return FileOffsetCount.peekCount(args);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        file = nfs_fh3.decode(xdr);
        offset = xdr.xdrDecodeLong();
        count = xdr.xdrDecodeInt();
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        nfs_fh3.encode(xdr, file);
        xdr.xdrEncodeLong(offset);
        xdr.xdrEncodeInt(count);
    }
}
