package org.pmnfs.server.mount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.server.rpc.XdrLimits;

/** mountlist (RFC 1813 appendix I): the linked list of mountbody (host name, directory) DUMP returns. */
public final class mountlist implements SizedXdr {

    /** MNTNAMLEN. */
    private static final int MAX_NAME = 255;
    private static final int MAX_DECODED = 65536;

    /** One mountbody. */
    public record mountbody(String ml_hostname, String ml_directory) {}

    public final List<mountbody> mounts = new ArrayList<>();

    public mountlist() {}

    public mountlist(List<mountbody> mounts) {
        this.mounts.addAll(mounts);
    }

    @Override
    public int encodedSize() {
        int size = 4;
        for (mountbody m : mounts) {
            size += 4 + 4 + XdrLimits.padded(m.ml_hostname().length() * 3) + 4 + XdrLimits.padded(m.ml_directory().length() * 3);
        }
        return size;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        for (mountbody m : mounts) {
            xdr.xdrEncodeBoolean(true);
            xdr.xdrEncodeDynamicOpaque(m.ml_hostname().getBytes(StandardCharsets.UTF_8));
            dirpath.encode(xdr, m.ml_directory());
        }
        xdr.xdrEncodeBoolean(false);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        mounts.clear();
        while (xdr.xdrDecodeBoolean()) {
            if (mounts.size() == MAX_DECODED) {
                throw new IOException("mountlist longer than " + MAX_DECODED);
            }
            String host = new String(XdrLimits.opaque(xdr, MAX_NAME, "ml_hostname"), StandardCharsets.UTF_8);
            mounts.add(new mountbody(host, dirpath.decode(xdr)));
        }
    }
}
