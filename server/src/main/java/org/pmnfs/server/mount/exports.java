package org.pmnfs.server.mount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.pmnfs.server.rpc.SizedXdr;
import org.pmnfs.server.rpc.XdrLimits;

/**
 * exports (RFC 1813 appendix I): the linked list of exportnode (directory and its groups, the
 * client names allowed) that EXPORT returns and {@code showmount -e} prints.
 */
public final class exports implements SizedXdr {

    private static final int MAX_NAME = 255;
    private static final int MAX_DECODED = 65536;

    /** One exportnode; {@code ex_groups} lists client specifications as written in the exports file. */
    public record exportnode(String ex_dir, List<String> ex_groups) {
        public exportnode {
            ex_groups = List.copyOf(ex_groups);
        }
    }

    public final List<exportnode> nodes = new ArrayList<>();

    public exports() {}

    public exports(List<exportnode> nodes) {
        this.nodes.addAll(nodes);
    }

    @Override
    public int encodedSize() {
        int size = 4;
        for (exportnode n : nodes) {
            size += 4 + 4 + XdrLimits.padded(n.ex_dir().length() * 3) + 4;
            for (String g : n.ex_groups()) {
                size += 4 + 4 + XdrLimits.padded(g.length() * 3);
            }
        }
        return size;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
        for (exportnode n : nodes) {
            xdr.xdrEncodeBoolean(true);
            dirpath.encode(xdr, n.ex_dir());
            for (String g : n.ex_groups()) {
                xdr.xdrEncodeBoolean(true);
                xdr.xdrEncodeDynamicOpaque(g.getBytes(StandardCharsets.UTF_8));
            }
            xdr.xdrEncodeBoolean(false);
        }
        xdr.xdrEncodeBoolean(false);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
        nodes.clear();
        while (xdr.xdrDecodeBoolean()) {
            if (nodes.size() == MAX_DECODED) {
                throw new IOException("exports longer than " + MAX_DECODED);
            }
            String dir = dirpath.decode(xdr);
            List<String> groups = new ArrayList<>();
            while (xdr.xdrDecodeBoolean()) {
                groups.add(new String(XdrLimits.opaque(xdr, MAX_NAME, "gr_name"), StandardCharsets.UTF_8));
            }
            nodes.add(new exportnode(dir, groups));
        }
    }
}
