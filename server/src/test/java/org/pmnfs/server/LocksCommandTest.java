package org.pmnfs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.nlm.ClientHost;
import org.pmnfs.server.nlm.Grant;
import org.pmnfs.server.nlm.GrantCallback;
import org.pmnfs.server.nlm.LockOwner;
import org.pmnfs.server.nlm.LockRange;
import org.pmnfs.server.nlm.NlmStatus;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.FileHandle;
import picocli.CommandLine;

/** {@code pmnfs locks} against a running server: the listing, and --release (as root, or refused). */
class LocksCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void listsTheLocksOfARunningServerAndReleasesAHost() throws IOException {
        try (TestServer server = TestServer.start()) {
            FileHandle root = rootOf(server);
            ClientHost host = new ClientHost("build1", TestServer.LOOPBACK);
            LockOwner owner = new LockOwner(host, "3@build1".getBytes(StandardCharsets.US_ASCII), 3);
            Grant g = new Grant(root, owner, LockRange.of(0, 100), true,
                    new GrantCallback(new InetSocketAddress(TestServer.LOOPBACK, 700), "build1", 4, true, new byte[] {1}));
            assertEquals(NlmStatus.GRANTED, server.server().locks().lock(g, false, false).status());
            String at = "127.0.0.1:" + server.address().getPort();
            assertEquals(0, run("locks", "--server", at));
            assertTrue(out.toString().contains("exclusive  0-99   build1@127.0.0.1 svid 3 (3@build1)  held"), out.toString());
            boolean asRoot = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
            int rc = run("locks", "--server", at, "--release", "build1");
            if (asRoot) {
                assertEquals(0, rc, err.toString());
                assertTrue(out.toString().contains("released 1 lock(s)"), out.toString());
                assertTrue(server.server().locks().snapshot().isEmpty());
            } else {
                assertEquals(1, rc);
                assertTrue(err.toString().contains("--release needs root"), err.toString());
            }
        }
    }

    private static FileHandle rootOf(TestServer server) throws IOException {
        try (org.pmnfs.server.testing.NfsTestClient c = server.client()) {
            byte[] wire = c.mount("/");
            return org.pmnfs.server.nfs.WireHandle.backendHandle(wire);
        }
    }
}
