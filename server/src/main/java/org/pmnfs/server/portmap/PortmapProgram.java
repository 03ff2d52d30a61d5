package org.pmnfs.server.portmap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.dcache.oncrpc4j.xdr.XdrBoolean;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.pmnfs.server.rpc.RpcProgram;
import org.pmnfs.server.rpc.RpcRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Portmap version 2 (RFC 1833 section 3) answering from a fixed table, so {@code rpcinfo -p} and
 * {@code showmount -e} find MOUNT and NFS without a system rpcbind: NULL, GETPORT and DUMP.
 * SET and UNSET are refused (FALSE): nothing else may register here. rpcbind versions 3 and 4 get
 * PROG_MISMATCH(2, 2) from the dispatcher, and clients such as libtirpc fall back to version 2.
 */
public final class PortmapProgram implements RpcProgram {

    private static final Logger LOG = LoggerFactory.getLogger(PortmapProgram.class);

    public static final int PROGRAM = 100000;
    public static final int VERSION = 2;

    static final int PROC_NULL = 0;
    static final int PROC_SET = 1;
    static final int PROC_UNSET = 2;
    static final int PROC_GETPORT = 3;
    static final int PROC_DUMP = 4;

    private static final String[] NAMES = {"PMAP2.NULL", "PMAP2.SET", "PMAP2.UNSET", "PMAP2.GETPORT", "PMAP2.DUMP"};

    private final List<mapping> programs;
    private final IntSupplier ownPort;

    /**
     * A portmapper answering for {@code programs} and for itself (version 2 on TCP and UDP at the
     * port {@code ownPort} reports, known only once bound when port 0 was asked for).
     */
    public PortmapProgram(List<mapping> programs, IntSupplier ownPort) {
        this.programs = List.copyOf(programs);
        this.ownPort = ownPort;
    }

    /** Its own two entries, then the programs, in DUMP order. */
    List<mapping> table() {
        int port = ownPort.getAsInt();
        List<mapping> table = new ArrayList<>(programs.size() + 2);
        table.add(new mapping(PROGRAM, VERSION, mapping.IPPROTO_TCP, port));
        table.add(new mapping(PROGRAM, VERSION, mapping.IPPROTO_UDP, port));
        table.addAll(programs);
        return table;
    }

    @Override
    public int number() {
        return PROGRAM;
    }

    @Override
    public int lowVersion() {
        return VERSION;
    }

    @Override
    public int highVersion() {
        return VERSION;
    }

    @Override
    public String procedureName(int version, int procedure) {
        return procedure >= 0 && procedure < NAMES.length ? NAMES[procedure] : null;
    }

    @Override
    public void serve(RpcRequest request) throws IOException {
        switch (request.procedure()) {
            case PROC_NULL -> request.reply(XdrVoid.XDR_VOID);
            case PROC_SET, PROC_UNSET -> {
                mapping m = request.decode(new mapping());
                LOG.warn("refusing to {} {}: this portmapper only publishes pmnfs's own programs",
                        request.procedure() == PROC_SET ? "register" : "unregister", m);
                request.reply(XdrBoolean.False);
            }
            case PROC_GETPORT -> {
                mapping query = request.decode(new mapping());
                int port = 0;
                for (mapping m : table()) {
                    if (m.answers(query)) {
                        port = m.port;
                        break;
                    }
                }
                LOG.debug("GETPORT {} -> {}", query, port);
                request.reply(new XdrInt(port));
            }
            case PROC_DUMP -> request.reply(new pmaplist(table()));
            default -> throw new IllegalStateException("procedure " + request.procedure() + " passed procedureName");
        }
    }
}
