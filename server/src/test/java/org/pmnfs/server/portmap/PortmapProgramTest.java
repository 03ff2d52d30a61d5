package org.pmnfs.server.portmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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

/** Portmap v2 over real loopback TCP and UDP on an ephemeral port. */
class PortmapProgramTest {

    private ExecutorService workers;
    private RpcServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        workers = Executors.newFixedThreadPool(2);
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = RpcServer.start(new RpcServer.Settings("portmap-test", bind, true, 64 * 1024, 1, ConnectionLimits.DEFAULTS),
                List.of(new PortmapProgram(List.of(
                        new mapping(100005, 3, mapping.IPPROTO_TCP, 2049),
                        new mapping(100003, 3, mapping.IPPROTO_TCP, 2049)),
                        () -> server.localAddress().getPort())),
                workers);
        address = server.localAddress();
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void getportFindsRegisteredProgramsAndZeroForOthers() throws IOException {
        try (RpcTestClient c = new RpcTestClient(address)) {
            assertEquals(2049, getport(c, 100003, 3, mapping.IPPROTO_TCP));
            assertEquals(2049, getport(c, 100005, 3, mapping.IPPROTO_TCP));
            assertEquals(0, getport(c, 100005, 3, mapping.IPPROTO_UDP), "MOUNT is not on UDP");
            assertEquals(0, getport(c, 100003, 2, mapping.IPPROTO_TCP), "NFSv2 is not served");
            assertEquals(0, getport(c, 100021, 4, mapping.IPPROTO_TCP), "no NLM");
            assertEquals(address.getPort(), getport(c, PortmapProgram.PROGRAM, 2, mapping.IPPROTO_UDP), "its own UDP entry");
        }
    }

    @Test
    void dumpListsTheWholeTable() throws IOException {
        try (RpcTestClient c = new RpcTestClient(address)) {
            RpcReply r = c.call(PortmapProgram.PROGRAM, 2, PortmapProgram.PROC_DUMP, XdrVoid.XDR_VOID);
            assertTrue(r.isSuccess(), r.describe());
            pmaplist list = new pmaplist();
            list.xdrDecode(r.body());
            assertEquals(4, list.mappings.size());
            assertEquals(PortmapProgram.PROGRAM + " v2 tcp port " + address.getPort(), list.mappings.get(0).toString());
            assertEquals("100003 v3 tcp port 2049", list.mappings.get(3).toString());
        }
    }

    @Test
    void answersOverUdpToo() throws IOException {
        RpcReply r = RpcTestClient.callUdp(address, PortmapProgram.PROGRAM, 2, PortmapProgram.PROC_GETPORT,
                new mapping(100003, 3, mapping.IPPROTO_TCP, 0));
        assertTrue(r.isSuccess(), r.describe());
        XdrInt port = new XdrInt();
        port.xdrDecode(r.body());
        assertEquals(2049, port.intValue());
    }

    @Test
    void rpcbindVersionsThreeAndFourGetProgMismatchTwoTwo() throws IOException {
        try (RpcTestClient c = new RpcTestClient(address)) {
            for (int v : new int[] {3, 4}) {
                RpcReply r = c.call(PortmapProgram.PROGRAM, v, 0, XdrVoid.XDR_VOID);
                assertTrue(r.accepted());
                assertEquals(RpcReply.PROG_MISMATCH, r.acceptStat());
                assertEquals(2, r.low());
                assertEquals(2, r.high());
            }
        }
    }

    @Test
    void setAndUnsetAreRefusedAndChangeNothing() throws IOException {
        try (RpcTestClient c = new RpcTestClient(address)) {
            for (int proc : new int[] {PortmapProgram.PROC_SET, PortmapProgram.PROC_UNSET}) {
                RpcReply r = c.call(PortmapProgram.PROGRAM, 2, proc, new mapping(100003, 3, mapping.IPPROTO_TCP, 9999));
                assertTrue(r.isSuccess(), r.describe());
                XdrBoolean b = new XdrBoolean();
                b.xdrDecode(r.body());
                assertFalse(b.booleanValue());
            }
            assertEquals(2049, getport(c, 100003, 3, mapping.IPPROTO_TCP));
        }
    }

    @Test
    void callitIsNotServed() throws IOException {
        try (RpcTestClient c = new RpcTestClient(address)) {
            RpcReply r = c.call(PortmapProgram.PROGRAM, 2, 5, XdrVoid.XDR_VOID);
            assertEquals(RpcReply.PROC_UNAVAIL, r.acceptStat());
        }
    }

    private static int getport(RpcTestClient c, int prog, int vers, int prot) throws IOException {
        RpcReply r = c.call(PortmapProgram.PROGRAM, 2, PortmapProgram.PROC_GETPORT, new mapping(prog, vers, prot, 0));
        assertTrue(r.isSuccess(), r.describe());
        XdrInt port = new XdrInt();
        port.xdrDecode(r.body());
        return port.intValue();
    }
}
