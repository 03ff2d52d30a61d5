package org.pmnfs.server.nlm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.pmnfs.server.LockSettings;
import org.pmnfs.server.PmnfsServer;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.server.exports.ClientMatcher;
import org.pmnfs.server.exports.Export;
import org.pmnfs.server.exports.ExportOptions;
import org.pmnfs.server.exports.ExportRule;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.server.exports.Squash;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.FileSystemBackend;

/**
 * A pmnfs with locking for the protocol tests: NFS, NLM/NSM and the portmapper on ephemeral
 * loopback ports, "/" exported read-write to all of 127.0.0.0/8 (so 127.0.0.1 and 127.0.0.2 are
 * two client machines), the NSM state in {@code nsmFile} (null: memory), and clients' portmappers
 * looked for at {@code peerPortmapPort} (a {@link FakeClientMachine}).
 */
final class LockingTestServer implements AutoCloseable {

    static final InetAddress ONE = InetAddress.getLoopbackAddress();
    static final InetAddress TWO = address("127.0.0.2");

    final PmnfsServer server;

    private LockingTestServer(PmnfsServer server) {
        this.server = server;
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ExportTable exports(boolean readOnly, Squash squash) {
        return new ExportTable(List.of(new Export("/", List.of(new ExportRule(
                ClientMatcher.of("127.0.0.0/8", address("127.0.0.0"), 8),
                new ExportOptions(readOnly, squash, ExportOptions.DEFAULT_ANON_ID, ExportOptions.DEFAULT_ANON_ID, false))))));
    }

    static LockingTestServer start(Path nsmFile, Duration grace, int peerPortmapPort) throws IOException {
        return start(nsmFile, grace, peerPortmapPort, TestServer.memory(), exports(false, Squash.NONE));
    }

    static LockingTestServer start(Path nsmFile, Duration grace, int peerPortmapPort, FileSystemBackend backend,
                                   ExportTable exports) throws IOException {
        ServerConfig config = ServerConfig.defaults().withListen(new InetSocketAddress(ONE, 0)).withExports(exports)
                .withPortmap(true, 0).withShutdownGrace(Duration.ofSeconds(1));
        LockSettings locking = new LockSettings(grace, nsmFile, 0, peerPortmapPort);
        return new LockingTestServer(PmnfsServer.start(config, locking, backend));
    }

    InetSocketAddress lockd() {
        return server.lockAddress();
    }

    InetSocketAddress portmap() {
        return server.portmapAddress().orElseThrow();
    }

    NfsTestClient nfs() throws IOException {
        return new NfsTestClient(server.address());
    }

    /** An NLM client on machine {@code from} (127.0.0.1 or .2) called {@code name}. */
    NlmTestClient nlm(InetAddress from, String name) throws IOException {
        return new NlmTestClient(lockd(), new InetSocketAddress(from, 0), name);
    }

    LockManager locks() {
        return server.locks();
    }

    /** What {@code pmnfs locks} prints, asked over the NFS port. */
    String adminList() throws IOException {
        try (org.pmnfs.server.testing.RpcTestClient c = new org.pmnfs.server.testing.RpcTestClient(server.address())) {
            org.pmnfs.server.testing.RpcReply r = c.call(LocksAdminProgram.PROGRAM, LocksAdminProgram.VERSION,
                    LocksAdminProgram.LIST, org.dcache.oncrpc4j.xdr.XdrVoid.XDR_VOID);
            NlmTestClient.requireSuccess(r);
            org.pmnfs.server.nlm.xdr.admin_text t = new org.pmnfs.server.nlm.xdr.admin_text();
            t.xdrDecode(r.body());
            return t.text;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
