package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.PmnfsServer;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.server.testing.GatedBackend;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.StableHow;

/**
 * Which calls the network thread serves itself: on a backend that answers from memory, reads,
 * attribute calls and UNSTABLE writes; never a FILE_SYNC write, a COMMIT or a namespace change,
 * and nothing at all on a backend that may wait for a disk. Counted by the server over real TCP.
 */
class QuickCallTest {

    private static ServerConfig ephemeral() {
        return ServerConfig.defaults().withListen(new InetSocketAddress(TestServer.LOOPBACK, 0));
    }

    @Test
    void readsAndUnstableWritesAreServedInlineOnAMemoryBackend() throws IOException {
        try (TestServer server = TestServer.start(ephemeral(), TestServer.memory());
             NfsTestClient client = server.client()) {
            byte[] root = client.mount("/");
            byte[] file = client.createFile(root, "f");
            PmnfsServer s = server.server();
            settleOnTheNetworkThread(client, root, s);

            long before = s.callsServedInline();
            assertEquals(NfsStatus.OK, client.write(file, 0, new byte[] {1, 2, 3}, StableHow.UNSTABLE).status);
            assertEquals(NfsStatus.OK, client.getattr(file).status);
            assertEquals(NfsStatus.OK, client.lookup(root, "f").status);
            assertArrayEquals(new byte[] {1, 2, 3}, client.read(file, 0, 3).data);
            assertEquals(before + 4, s.callsServedInline(), "UNSTABLE WRITE, GETATTR, LOOKUP and READ inline");

            long received = s.callsReceived();
            before = s.callsServedInline();
            assertEquals(NfsStatus.OK, client.write(file, 0, new byte[] {4}, StableHow.FILE_SYNC).status);
            assertEquals(NfsStatus.OK, client.commit(file, 0, 0).status);
            client.createFile(root, "g");
            assertEquals(NfsStatus.OK, client.remove(root, "g").status);
            assertEquals(received + 4, s.callsReceived());
            assertEquals(before, s.callsServedInline(), "FILE_SYNC WRITE, COMMIT, CREATE and REMOVE go to the workers");
        }
    }

    /**
     * A worker counts its call finished only after writing the reply, so the call right after one
     * served by a worker may still see the connection busy and go to a worker too (the safe way).
     * Once one call was served inline, the next ones are, as long as each waits for its reply.
     */
    private static void settleOnTheNetworkThread(NfsTestClient client, byte[] root, PmnfsServer s) throws IOException {
        for (int i = 0; i < 100; i++) {
            long before = s.callsServedInline();
            assertEquals(NfsStatus.OK, client.getattr(root).status);
            if (s.callsServedInline() > before) {
                return;
            }
        }
        throw new AssertionError("no GETATTR of 100 was served on the network thread");
    }

    @Test
    void aBackendThatMayWaitForADiskIsServedOnTheWorkersOnly() throws IOException {
        GatedBackend backend = new GatedBackend(TestServer.memory());
        backend.open();
        try (TestServer server = TestServer.start(ephemeral(), backend);
             NfsTestClient client = server.client()) {
            byte[] root = client.mount("/");
            byte[] file = client.createFile(root, "f");
            assertEquals(NfsStatus.OK, client.write(file, 0, new byte[] {9}, StableHow.UNSTABLE).status);
            assertArrayEquals(new byte[] {9}, client.read(file, 0, 1).data);
            assertEquals(NfsStatus.OK, client.getattr(file).status);
            assertEquals(0, server.server().callsServedInline());
        }
    }
}
