package org.pmnfs.server.portmap;

import java.io.IOException;
import java.util.ArrayList;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.dcache.oncrpc4j.xdr.XdrBoolean;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.pmnfs.server.rpc.RpcProgram;
import org.pmnfs.server.rpc.RpcRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Portmap version 2 (RFC 1833 section 3) for pmnfs's own programs, so {@code rpcinfo -p},
 * {@code showmount -e} and the clients' lock managers find MOUNT, NFS, NLM and NSM without a
 * system rpcbind: NULL, GETPORT, DUMP, SET and UNSET. As the machine's portmapper it also takes
 * registrations from local services (loopback callers only, as rpcbind; a privileged port needs a
 * privileged caller) and keeps them apart ({@link LocalRegistrations}): GETPORT answers pmnfs's own
 * programs first, so the kernel's lockd may register NLM (for pmnfs's callbacks to it) while
 * clients still find pmnfs's NLM. Registrations of pmnfs's other programs (NSM: rpc.statd; NFS,
 * MOUNT) are refused, and so is everything without a table. rpcbind versions 3 and 4 get
 * PROG_MISMATCH(2, 2) from the dispatcher: the kernel (net/sunrpc/rpcb_clnt.c) and libtirpc's
 * lookups fall back to version 2.
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

    /** NLM: the program local services (the kernel's lockd) may register beside pmnfs's own. */
    public static final int SHARED_PROGRAM = 100021;
    /** NSM, which pmnfs serves as this machine's statd. */
    private static final int NSM_PROGRAM = 100024;
    /** The privileged ports (RFC 1833 leaves the rule to rpcbind, which has it). */
    private static final int MAX_PRIVILEGED_PORT = 1023;

    private final List<mapping> programs;
    private final Set<Integer> ownNumbers;
    private final IntSupplier ownPort;
    /** Registrations of local services; null: SET is refused. */
    private final LocalRegistrations local;

    /**
     * A portmapper answering for {@code programs} and for itself (version 2 on TCP and UDP at the
     * port {@code ownPort} reports, known only once bound when port 0 was asked for), refusing SET.
     */
    public PortmapProgram(List<mapping> programs, IntSupplier ownPort) {
        this(programs, ownPort, null);
    }

    /** The same, taking local registrations into {@code local}. */
    public PortmapProgram(List<mapping> programs, IntSupplier ownPort, LocalRegistrations local) {
        this.programs = List.copyOf(programs);
        this.ownNumbers = programs.stream().map(m -> m.prog).collect(Collectors.toUnmodifiableSet());
        this.ownPort = ownPort;
        this.local = local;
    }

    /** Its own two entries, then the programs, in GETPORT order. */
    List<mapping> table() {
        int port = ownPort.getAsInt();
        List<mapping> table = new ArrayList<>(programs.size() + 2);
        table.add(new mapping(PROGRAM, VERSION, mapping.IPPROTO_TCP, port));
        table.add(new mapping(PROGRAM, VERSION, mapping.IPPROTO_UDP, port));
        table.addAll(programs);
        return table;
    }

    /** What DUMP lists: the table, then local registrations of programs that are not pmnfs's own. */
    List<mapping> dump() {
        List<mapping> all = table();
        if (local != null) {
            local.all().stream().filter(m -> !ownNumbers.contains(m.prog)).forEach(all::add);
        }
        return all;
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
            case PROC_SET -> request.reply(set(request.decode(new mapping()), request.client()) ? XdrBoolean.True : XdrBoolean.False);
            case PROC_UNSET -> request.reply(unset(request.decode(new mapping()), request.client()) ? XdrBoolean.True : XdrBoolean.False);
            case PROC_GETPORT -> {
                mapping query = request.decode(new mapping());
                int port = getport(query);
                LOG.debug("GETPORT {} -> {}", query, port);
                request.reply(new XdrInt(port));
            }
            case PROC_DUMP -> request.reply(new pmaplist(dump()));
            default -> throw new IllegalStateException("procedure " + request.procedure() + " passed procedureName");
        }
    }

    /** pmnfs's own program first, then a local registration; 0 when neither. */
    int getport(mapping query) {
        for (mapping m : table()) {
            if (m.answers(query)) {
                return m.port;
            }
        }
        return local == null ? 0 : local.port(query.prog, query.vers, query.prot).orElse(0);
    }

    private boolean set(mapping m, InetSocketAddress caller) {
        String refused = refusal(m, caller, true);
        if (refused == null && !local.set(m)) {
            refused = "it is registered with another port (unset it first)";
        }
        if (refused != null) {
            LOG.warn("refusing to register {} for {}: {}", m, caller.getAddress().getHostAddress() + ":" + caller.getPort(), refused);
            return false;
        }
        LOG.info("registered {} for a local service", m);
        return true;
    }

    private boolean unset(mapping m, InetSocketAddress caller) {
        String refused = refusal(m, caller, false);
        if (refused != null) {
            LOG.warn("refusing to unregister {} for {}: {}", m, caller.getAddress().getHostAddress() + ":" + caller.getPort(), refused);
            return false;
        }
        boolean removed = local.unset(m.prog, m.vers);
        if (removed) {
            LOG.info("unregistered program {} version {} of a local service", m.prog, m.vers);
        }
        return removed;
    }

    /** Why a SET or UNSET is refused, or null. */
    private String refusal(mapping m, InetSocketAddress caller, boolean set) {
        if (local == null) {
            return "this portmapper only publishes pmnfs's own programs";
        }
        if (!caller.getAddress().isLoopbackAddress()) {
            return "only local services may register (the caller is not on a loopback address)";
        }
        if (set && m.port <= MAX_PRIVILEGED_PORT && caller.getPort() > MAX_PRIVILEGED_PORT) {
            return "a privileged port (" + m.port + ") may only be registered from a privileged port";
        }
        if (m.prog == PROGRAM) {
            return "pmnfs is the portmapper";
        }
        if (m.prog == NSM_PROGRAM && ownNumbers.contains(NSM_PROGRAM)) {
            return "pmnfs answers NSM (statd) for this machine itself; rpc.statd is not needed while pmnfs is the portmapper";
        }
        if (ownNumbers.contains(m.prog) && m.prog != SHARED_PROGRAM) {
            return "program " + m.prog + " is served by pmnfs";
        }
        return null;
    }
}
