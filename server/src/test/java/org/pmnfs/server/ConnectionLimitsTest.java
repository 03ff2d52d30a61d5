package org.pmnfs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.nfs.xdr.WRITE3args;
import org.pmnfs.server.nfs.xdr.WRITE3res;
import org.pmnfs.server.rpc.ConnectionLimits;
import org.pmnfs.server.testing.GatedBackend;
import org.pmnfs.server.testing.LogCapture;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.RpcReply;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.StableHow;

/**
 * The connection limits over real TCP: a connection past --max-connections is closed at once
 * (the open ones go on), an idle connection is closed after --idle-timeout, and one with a call
 * in flight is not, however long the call takes.
 */
class ConnectionLimitsTest {

    private static ServerConfig limited(int maxConnections, Duration idleTimeout) {
        return ServerConfig.defaults().withListen(new InetSocketAddress(TestServer.LOOPBACK, 0))
                .withConnections(new ConnectionLimits(maxConnections, idleTimeout));
    }

    @Test
    void aConnectionPastTheLimitIsClosedAndTheOpenOnesGoOn() throws Exception {
        try (TestServer server = TestServer.start(limited(2, Duration.ZERO), TestServer.memory());
             LogCapture log = new LogCapture();
             NfsTestClient first = server.client();
             NfsTestClient second = server.client()) {
            first.nfsNull();
            second.nfsNull();
            try (NfsTestClient third = server.client()) {
                assertTrue(third.rpc().closedByServer(), "the third connection is closed");
            }
            assertEquals(1, log.at(Level.WARN).size(), "one WARN line for the refused connection");
            assertTrue(log.at(Level.WARN).get(0).getFormattedMessage().contains("2 connections are open, the most allowed"),
                    log.at(Level.WARN).get(0).getFormattedMessage());
            byte[] root = first.mount("/");
            assertEquals(NfsStatus.OK, second.getattr(root).status);

            first.close();
            awaitConnections(server, 1);
            try (NfsTestClient again = server.client()) {
                assertEquals(NfsStatus.OK, again.getattr(root).status, "a place is free again");
            }
        }
    }

    private static void awaitConnections(TestServer server, int count) throws InterruptedException {
        for (int i = 0; i < 2000 && server.server().connectionCount() != count; i++) {
            Thread.sleep(10);
        }
        assertEquals(count, server.server().connectionCount());
    }

    @Test
    void anIdleConnectionIsClosedButOneWithACallInFlightIsNot() throws Exception {
        GatedBackend backend = new GatedBackend(TestServer.memory());
        try (TestServer server = TestServer.start(limited(16, Duration.ofSeconds(1)), backend);
             NfsTestClient busy = server.client();
             NfsTestClient idle = server.client()) {
            byte[] root = busy.mount("/");
            byte[] file = busy.createFile(root, "f");
            idle.nfsNull();
            int xid = busy.rpc().send(NfsTestClient.NFS, 3, 7,
                    new WRITE3args(file, 0, StableHow.FILE_SYNC, ByteBuffer.wrap(new byte[] {1, 2, 3})));
            assertTrue(backend.awaitHeldCall(20), "the WRITE reached the backend");

            assertTrue(idle.rpc().closedByServer(), "the idle connection is closed");
            // The busy one has been silent as long, but its WRITE is still running.
            backend.open();
            RpcReply reply = busy.rpc().receive();
            assertEquals(xid, reply.xid());
            WRITE3res w = new WRITE3res();
            w.xdrDecode(reply.body());
            assertEquals(NfsStatus.OK, w.status, "the call in flight kept its connection");
            assertEquals(NfsStatus.OK, busy.getattr(file).status);
        }
    }

    @Test
    void limitsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(1, Duration.ofSeconds(-1)));
        assertFalse(new ConnectionLimits(1, Duration.ZERO).closesIdle());
    }
}
