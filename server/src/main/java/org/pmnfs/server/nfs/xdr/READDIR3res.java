package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;

/** READDIR3res (RFC 1813 section 3.3.16): directory attributes and, on success, a page of entries. */
public final class READDIR3res implements SizedXdr {

    /** Bytes of a READDIR3resok around its entries: dir_attributes, cookieverf, list end, eof. */
    public static final int OK_OVERHEAD = post_op_attr.MAX_BYTES + 8 + 4 + 4;

    private static final int MAX_DECODED = 1 << 20;

    public NfsStatus status;
    public FileAttributes dir_attributes;
    public long cookieverf;
    public List<entry3> entries = new ArrayList<>();
    public boolean eof;
    private int size = 4 + post_op_attr.MAX_BYTES;

    public READDIR3res() {}

    public static READDIR3res ok(FileAttributes dirAttributes, long cookieverf, List<entry3> entries, boolean eof, int entryBytes) {
        READDIR3res r = new READDIR3res();
        r.status = NfsStatus.OK;
        r.dir_attributes = dirAttributes;
        r.cookieverf = cookieverf;
        r.entries = entries;
        r.eof = eof;
        r.size = 4 + OK_OVERHEAD + entryBytes;
        return r;
    }

    public static READDIR3res fail(NfsStatus status, FileAttributes dirAttributes) {
        READDIR3res r = new READDIR3res();
        r.status = status;
        r.dir_attributes = dirAttributes;
        return r;
    }

    @Override
    public int encodedSize() {
        return size;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        xdr.xdrEncodeInt(status.code());
        post_op_attr.encode(xdr, dir_attributes);
        if (status != NfsStatus.OK) {
            return;
        }
        xdr.xdrEncodeLong(cookieverf);
        for (entry3 e : entries) {
            xdr.xdrEncodeBoolean(true);
            e.encode(xdr);
        }
        xdr.xdrEncodeBoolean(false);
        xdr.xdrEncodeBoolean(eof);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        status = nfsstat3.decode(xdr);
        dir_attributes = post_op_attr.decode(xdr);
        entries = new ArrayList<>();
        if (status != NfsStatus.OK) {
            return;
        }
        cookieverf = xdr.xdrDecodeLong();
        while (xdr.xdrDecodeBoolean()) {
            if (entries.size() == MAX_DECODED) {
                throw new IOException("READDIR reply with more than " + MAX_DECODED + " entries");
            }
            entries.add(entry3.decode(xdr));
        }
        eof = xdr.xdrDecodeBoolean();
    }
}
