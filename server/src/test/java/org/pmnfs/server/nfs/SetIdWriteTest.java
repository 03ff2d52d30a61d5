package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pmnfs.memory.MemoryBackend;
import org.pmnfs.memory.MemoryBackendConfig;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.server.nfs.xdr.WRITE3res;
import org.pmnfs.server.testing.GatedBackend;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/**
 * The edges of clearing set-id bits on WRITE, over the wire: a chmod that sets setuid while
 * another user's WRITE is between its permission check and its data (the write, which lands
 * after the chmod, must still clear the bit), and a WRITE that fails after clearing them.
 */
class SetIdWriteTest {

    @Test
    void aChmodThatLandsWhileAWriteIsInFlightIsUndoneByThatWrite() throws Exception {
        GatedBackend backend = new GatedBackend(TestServer.memory());
        ServerConfig config = ServerConfig.defaults().withListen(new InetSocketAddress(TestServer.LOOPBACK, 0));
        try (TestServer server = TestServer.start(config, backend);
             NfsTestClient root = server.client();
             NfsTestClient owner = server.client().asUser(1000, 1000);
             NfsTestClient other = server.client().asUser(1003, 1003)) {
            byte[] top = root.mount("/");
            assertEquals(NfsStatus.OK, root.setattr(top, SetAttributes.ofMode(0777), null).status);
            byte[] f = owner.create(top, "f", CreateMode.GUARDED, SetAttributes.ofMode(0777), 0).obj;

            CompletableFuture<WRITE3res> write = CompletableFuture.supplyAsync(() -> {
                try {
                    return other.write(f, 0, new byte[] {1, 2, 3}, StableHow.FILE_SYNC);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertTrue(backend.awaitHeldCall(20), "the write reached the backend");
            assertEquals(NfsStatus.OK, owner.setattr(f, SetAttributes.ofMode(04777), null).status);
            assertEquals("04777", oct(root.getattr(f).obj_attributes.mode()), "the chmod landed first");
            backend.open();
            WRITE3res r = write.get(20, TimeUnit.SECONDS);
            assertEquals(NfsStatus.OK, r.status);
            assertEquals("0777", oct(r.file_wcc.after().mode()), "post-op attributes of the WRITE");
            assertEquals("0777", oct(root.getattr(f).obj_attributes.mode()));
        }
    }

    @Test
    void aWriteThatFailsAfterClearingReportsTheClearedMode() throws Exception {
        MemoryBackend small = new MemoryBackend(MemoryBackendConfig.defaults().withCapacityBytes(256 << 10));
        ServerConfig config = ServerConfig.defaults().withListen(new InetSocketAddress(TestServer.LOOPBACK, 0));
        try (TestServer server = TestServer.start(config, small);
             NfsTestClient root = server.client();
             NfsTestClient other = server.client().asUser(1003, 1003)) {
            byte[] top = root.mount("/");
            byte[] f = root.create(top, "f", CreateMode.GUARDED, SetAttributes.ofMode(04777), 0).obj;
            WRITE3res r = other.write(f, 0, new byte[512 << 10], StableHow.FILE_SYNC);
            assertEquals(NfsStatus.NOSPC, r.status);
            assertEquals("0777", oct(root.getattr(f).obj_attributes.mode()), "cleared before the data, as Linux does");
            assertEquals("0777", oct(r.file_wcc.after().mode()), "and the failure reply says so");
        }
    }

    private static String oct(int mode) {
        return "0" + Integer.toOctalString(mode);
    }
}
