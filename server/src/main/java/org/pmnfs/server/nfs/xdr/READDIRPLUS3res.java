package org.pmnfs.server.nfs.xdr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.NfsStatus;

/** READDIRPLUS3res (RFC 1813 section 3.3.17): like READDIR3res with attributes and handles per entry. */
public final class READDIRPLUS3res implements SizedXdr {

    /** Bytes of a READDIRPLUS3resok around its entries, as for READDIR. */
    public static final int OK_OVERHEAD = READDIR3res.OK_OVERHEAD;

    private static final int MAX_DECODED = 1 << 20;

    public NfsStatus status;
    public FileAttributes dir_attributes;
    public long cookieverf;
    public List<entryplus3> entries = new ArrayList<>();
    public boolean eof;
    private int size = 4 + post_op_attr.MAX_BYTES;

    public READDIRPLUS3res() {}

    public static READDIRPLUS3res ok(FileAttributes dirAttributes, long cookieverf, List<entryplus3> entries, boolean eof,
                                     int entryBytes) {
        READDIRPLUS3res r = new READDIRPLUS3res();
        r.status = NfsStatus.OK;
        r.dir_attributes = dirAttributes;
        r.cookieverf = cookieverf;
        r.entries = entries;
        r.eof = eof;
        r.size = 4 + OK_OVERHEAD + entryBytes;
        return r;
    }

    public static READDIRPLUS3res fail(NfsStatus status, FileAttributes dirAttributes) {
        READDIRPLUS3res r = new READDIRPLUS3res();
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
        for (entryplus3 e : entries) {
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
                throw new IOException("READDIRPLUS reply with more than " + MAX_DECODED + " entries");
            }
            entries.add(entryplus3.decode(xdr));
        }
        eof = xdr.xdrDecodeBoolean();
    }
}
