package org.pmnfs.server.portmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dcache.oncrpc4j.xdr.XdrBoolean;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.rpc.ConnectionLimits;
import org.pmnfs.server.rpc.RpcServer;
import org.pmnfs.server.testing.RpcReply;
import org.pmnfs.server.testing.RpcTestClient;

/**
 * The portmapper as this machine's: local services register (SET/UNSET) beside pmnfs's own
 * programs, GETPORT answers pmnfs's own first, rpc.statd may not register NSM, a port may not be
 * taken twice, and every change reaches the listener that keeps it across a restart.
 */
class LocalRegistrationsTest {

    private static final int NLM = 100021;
    private static final int NSM = 100024;

    private ExecutorService workers;
    private RpcServer server;
    private final List<List<mapping>> saved = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        workers = Executors.newFixedThreadPool(2);
        LocalRegistrations local = new LocalRegistrations(saved::add);
        server = RpcServer.start(new RpcServer.Settings("portmap-test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        true, 64 * 1024, 1, ConnectionLimits.DEFAULTS),
                List.of(new PortmapProgram(List.of(new mapping(NLM, 4, mapping.IPPROTO_TCP, 4000),
                        new mapping(NSM, 1, mapping.IPPROTO_UDP, 4000)), () -> server.localAddress().getPort(), local)),
                workers);
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void aLocalLockdRegistersBesidePmnfsAndClientsStillFindPmnfs() throws IOException {
        try (RpcTestClient c = new RpcTestClient(server.localAddress())) {
            assertTrue(set(c, NLM, 4, mapping.IPPROTO_TCP, 38581), "the kernel's lockd may register NLM");
            assertTrue(set(c, NLM, 3, mapping.IPPROTO_UDP, 33065));
            assertTrue(set(c, NLM, 3, mapping.IPPROTO_UDP, 33065), "the same registration again is fine");
            assertFalse(set(c, NLM, 3, mapping.IPPROTO_UDP, 1234), "another port for it is not");
            assertEquals(4000, getport(c, NLM, 4, mapping.IPPROTO_TCP), "clients find pmnfs's NLM");
            assertEquals(33065, getport(c, NLM, 3, mapping.IPPROTO_UDP), "what pmnfs does not serve comes from the table");
            assertTrue(set(c, 100099, 1, mapping.IPPROTO_TCP, 5555), "any other local service");
            assertEquals(5555, getport(c, 100099, 1, mapping.IPPROTO_TCP));
            pmaplist dump = new pmaplist();
            dump.xdrDecode(c.call(PortmapProgram.PROGRAM, 2, PortmapProgram.PROC_DUMP, XdrVoid.XDR_VOID).body());
            assertTrue(dump.mappings.stream().anyMatch(m -> m.prog == 100099), "DUMP lists the other service");
            assertEquals(1, dump.mappings.stream().filter(m -> m.prog == NLM).count(), "but only pmnfs's NLM");
            assertTrue(unset(c, NLM, 3));
            assertFalse(unset(c, NLM, 3), "nothing left to unset");
            assertEquals(0, getport(c, NLM, 3, mapping.IPPROTO_UDP));
            assertEquals(4000, getport(c, NLM, 4, mapping.IPPROTO_TCP), "UNSET never touches pmnfs's own");
            assertEquals(List.of("100021 v4 tcp port 38581", "100099 v1 tcp port 5555"),
                    saved.get(saved.size() - 1).stream().map(mapping::toString).toList(), "every change is handed on");
        }
    }

    @Test
    void registrationsPmnfsMustNotTakeAreRefused() throws IOException {
        try (RpcTestClient c = new RpcTestClient(server.localAddress())) {
            assertFalse(set(c, NSM, 1, mapping.IPPROTO_UDP, 662), "rpc.statd: pmnfs is this machine's statd");
            assertFalse(set(c, PortmapProgram.PROGRAM, 2, mapping.IPPROTO_TCP, 111), "the portmapper itself");
            assertFalse(set(c, 100099, 1, mapping.IPPROTO_TCP, 800), "a privileged port from an unprivileged caller");
            assertEquals(4000, getport(c, NSM, 1, mapping.IPPROTO_UDP));
            assertTrue(saved.isEmpty(), "nothing changed");
        }
    }

    private static boolean set(RpcTestClient c, int prog, int vers, int prot, int port) throws IOException {
        return bool(c.call(PortmapProgram.PROGRAM, 2, PortmapProgram.PROC_SET, new mapping(prog, vers, prot, port)));
    }

    private static boolean unset(RpcTestClient c, int prog, int vers) throws IOException {
        return bool(c.call(PortmapProgram.PROGRAM, 2, PortmapProgram.PROC_UNSET, new mapping(prog, vers, 0, 0)));
    }

    private static boolean bool(RpcReply r) throws IOException {
        assertTrue(r.isSuccess(), r.describe());
        XdrBoolean b = new XdrBoolean();
        b.xdrDecode(r.body());
        return b.booleanValue();
    }

    private static int getport(RpcTestClient c, int prog, int vers, int prot) throws IOException {
        XdrInt port = new XdrInt();
        port.xdrDecode(c.call(PortmapProgram.PROGRAM, 2, PortmapProgram.PROC_GETPORT, new mapping(prog, vers, prot, 0)).body());
        return port.intValue();
    }
}
