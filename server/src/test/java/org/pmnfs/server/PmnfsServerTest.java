package org.pmnfs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.nfs.xdr.WRITE3args;
import org.pmnfs.server.nfs.xdr.WRITE3res;
import org.pmnfs.server.portmap.mapping;
import org.pmnfs.server.portmap.pmaplist;
import org.pmnfs.server.testing.GatedBackend;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.RpcReply;
import org.pmnfs.server.testing.RpcTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.StableHow;

/** Starting, the portmapper, and a graceful stop with a request in flight. */
class PmnfsServerTest {

    private static ServerConfig ephemeral() {
        return ServerConfig.defaults().withListen(new InetSocketAddress(TestServer.LOOPBACK, 0));
    }

    @Test
    void portmapperPointsAtTheNfsPort() throws IOException {
        ServerConfig config = ephemeral().withPortmap(true, 0);
        try (TestServer server = TestServer.start(config, TestServer.memory())) {
            InetSocketAddress pm = server.server().portmapAddress().orElseThrow();
            int nfsPort = server.address().getPort();
            try (RpcTestClient c = new RpcTestClient(pm)) {
                for (int[] q : new int[][] {{100003, 3}, {100005, 3}, {100005, 1}}) {
                    RpcReply r = c.call(100000, 2, 3, new mapping(q[0], q[1], mapping.IPPROTO_TCP, 0));
                    XdrInt port = new XdrInt();
                    port.xdrDecode(r.body());
                    assertEquals(nfsPort, port.intValue(), "program " + q[0] + " v" + q[1]);
                }
                int lockPort = server.server().lockAddress().getPort();
                for (int[] q : new int[][] {{100021, 4, mapping.IPPROTO_TCP}, {100021, 1, mapping.IPPROTO_UDP},
                        {100021, 3, mapping.IPPROTO_TCP}, {100024, 1, mapping.IPPROTO_UDP}}) {
                    XdrInt port = new XdrInt();
                    port.xdrDecode(c.call(100000, 2, 3, new mapping(q[0], q[1], q[2], 0)).body());
                    assertEquals(lockPort, port.intValue(), "program " + q[0] + " v" + q[1] + " on the lock port");
                }
                pmaplist dump = new pmaplist();
                dump.xdrDecode(c.call(100000, 2, 4, new XdrInt(0)).body());
                assertEquals(6 + 8, dump.mappings.size(), "portmap, MOUNT and NFS; NLM 1, 3, 4 and NSM on TCP and UDP");
            }
            RpcReply udp = RpcTestClient.callUdp(pm, 100000, 2, 3, new mapping(100003, 3, mapping.IPPROTO_TCP, 0));
            XdrInt port = new XdrInt();
            port.xdrDecode(udp.body());
            assertEquals(nfsPort, port.intValue());
        }
    }

    @Test
    void withoutPortmapNothingElseListens() throws IOException {
        try (TestServer server = TestServer.start()) {
            assertTrue(server.server().portmapAddress().isEmpty());
        }
    }

    @Test
    void aBusyPortIsReportedAndNothingKeepsRunning() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, TestServer.LOOPBACK)) {
            ServerConfig config = ephemeral().withListen(new InetSocketAddress(TestServer.LOOPBACK, taken.getLocalPort()));
            GatedBackend backend = new GatedBackend(TestServer.memory());
            assertThrows(java.net.BindException.class, () -> PmnfsServer.start(config, backend));
            assertFalse(backend.isClosed(), "the caller still owns the backend after a failed start");
            backend.close();
        }
    }

    @Test
    void closeFinishesTheRequestInFlightThenClosesTheBackend() throws Exception {
        GatedBackend backend = new GatedBackend(TestServer.memory());
        TestServer server = TestServer.start(ephemeral(), backend);
        NfsTestClient c = server.client();
        byte[] root = c.mount("/");
        byte[] file = c.createFile(root, "f");
        int xid = c.rpc().send(NfsTestClient.NFS, 3, 7, new WRITE3args(file, 0, StableHow.FILE_SYNC,
                java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertTrue(backend.awaitHeldCall(20), "the WRITE reached the backend");
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                server.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertFalse(backend.isClosed(), "not while a request runs");
        backend.open();
        RpcReply reply = c.rpc().receive();
        assertEquals(xid, reply.xid());
        WRITE3res w = new WRITE3res();
        w.xdrDecode(reply.body());
        assertEquals(NfsStatus.OK, w.status, "the request in flight completed and its reply was sent");
        closing.get(20, TimeUnit.SECONDS);
        assertTrue(backend.isClosed());
        assertTrue(c.rpc().closedByServer(), "then the connection was closed");
        c.close();
        assertThrows(IOException.class, () -> new RpcTestClient(server.address()).close(), "no longer listening");
    }
}
