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
 * attribute calls and UNSTABLE writes of at most 64 KiB; never a larger one, a FILE_SYNC write, a COMMIT or a namespace change,
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

            int most = NfsProcedure.QUICK_MAX_BYTES;
            assertEquals(NfsStatus.OK, client.write(file, 0, new byte[most + 1], StableHow.UNSTABLE).status);
            assertEquals(most + 1, client.read(file, 0, most + 1).data.length);
            assertEquals(before, s.callsServedInline(), "a READ and an UNSTABLE WRITE of 64 KiB + 1 go to the workers");
            assertEquals(most, client.read(file, 0, most).data.length);
            assertEquals(NfsStatus.OK, client.write(file, 0, new byte[most], StableHow.UNSTABLE).status);
            assertEquals(before + 2, s.callsServedInline(), "a READ and an UNSTABLE WRITE of 64 KiB are inline");
        }
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
