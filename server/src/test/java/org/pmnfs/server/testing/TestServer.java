package org.pmnfs.server.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.pmnfs.server.PmnfsServer;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.server.exports.ClientMatcher;
import org.pmnfs.server.exports.Export;
import org.pmnfs.server.exports.ExportOptions;
import org.pmnfs.server.exports.ExportRule;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.server.exports.Squash;
import org.pmnfs.memory.MemoryBackend;
import org.pmnfs.memory.MemoryBackendConfig;
import org.pmnfs.vfs.FileSystemBackend;

/** A pmnfs on an ephemeral loopback port over a fresh memory backend, for protocol tests. */
public final class TestServer implements AutoCloseable {

    /** 256 MiB: room for the 1 MiB transfers, far below the test JVM's heap. */
    private static final long CAPACITY = 256L << 20;

    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final PmnfsServer server;

    private TestServer(PmnfsServer server) {
        this.server = server;
    }

    /** The default exports: "/" read-write to 127.0.0.1, no squashing, insecure. */
    public static TestServer start() throws IOException {
        return start(ExportTable.DEFAULT);
    }

    public static TestServer start(ExportTable exports) throws IOException {
        return start(ServerConfig.defaults().withListen(new InetSocketAddress(LOOPBACK, 0)).withExports(exports), memory());
    }

    public static TestServer start(ServerConfig config, FileSystemBackend backend) throws IOException {
        return new TestServer(PmnfsServer.start(config, backend));
    }

    public static MemoryBackend memory() {
        return new MemoryBackend(MemoryBackendConfig.defaults().withCapacityBytes(CAPACITY));
    }

    /** One export of {@code path} with one rule for {@code client}. */
    public static Export export(String path, ClientMatcher client, ExportOptions options) {
        return new Export(path, List.of(new ExportRule(client, options)));
    }

    /** Options with the given flags and anon ids 65534. */
    public static ExportOptions options(boolean readOnly, Squash squash, boolean secure) {
        return new ExportOptions(readOnly, squash, ExportOptions.DEFAULT_ANON_ID, ExportOptions.DEFAULT_ANON_ID, secure);
    }

    public static ClientMatcher loopbackClient() {
        return ClientMatcher.of(LOOPBACK);
    }

    public InetSocketAddress address() {
        return server.address();
    }

    public PmnfsServer server() {
        return server;
    }

    public NfsTestClient client() throws IOException {
        return new NfsTestClient(address());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
