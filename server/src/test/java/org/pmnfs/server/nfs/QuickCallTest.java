package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.PmnfsServer;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.server.testing.GatedBackend;
import org.pmnfs.server.nfs.xdr.GETATTR3args;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.RpcTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.StableHow;

/**
 * Which calls the network thread serves itself: on a backend that answers from memory, reads,
 * attribute calls and UNSTABLE writes (past 64 KiB only when alone on the connection); never a
 * FILE_SYNC write, a COMMIT or a namespace change, and nothing at all on a backend that may wait
 * for a disk. Counted by the server over real TCP.
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

            int large = NfsProcedure.LARGE_COPY_BYTES + 1;
            assertEquals(NfsStatus.OK, client.write(file, 0, new byte[large], StableHow.UNSTABLE).status);
            assertEquals(large, client.read(file, 0, large).data.length);
            assertEquals(before + 2, s.callsServedInline(), "a large READ and UNSTABLE WRITE alone on their connection are inline");

            // Pipelined: the later GETATTRs arrive while earlier ones are in flight, and are inline all the same.
            RpcTestClient rpc = client.rpc();
            before = s.callsServedInline();
            for (int i = 0; i < 8; i++) {
                rpc.send(NfsTestClient.NFS, 3, 1, new GETATTR3args(file));
            }
            for (int i = 0; i < 8; i++) {
                assertTrue(rpc.receive().isSuccess());
            }
            assertEquals(before + 8, s.callsServedInline(), "8 pipelined GETATTRs inline");
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
