package org.pmnfs.kv;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real etcd cluster on loopback for tests: each member its own free client and peer ports and
 * its own data directory under /dev/shm (or /tmp), started as its own process (in its own session,
 * through setsid) and stopped by the test; every wait is bounded. Tests skip with one line where
 * the {@code etcd} binary (Debian {@code etcd-server}) is missing. Public in the test-jar: the
 * server's tests run pmnfs processes on it.
 */
public final class EtcdCluster implements AutoCloseable {

    /**
     * Every member's {@code --quota-backend-bytes}: 3 GiB, not etcd's default 2 GiB, so a test that
     * finds it in FSSTAT knows it came from the cluster.
     */
    public static final long QUOTA_BYTES = 3L << 30;

    /** How long a member may take to report healthy. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static EtcdCluster shared;

    private final Path base;
    private final String binary;
    private final int size;
    private final int[] clientPorts;
    private final int[] peerPorts;
    private final Process[] members;
    private final String token = "pmnfs-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private EtcdCluster(Path base, String binary, int size) {
        this.base = base;
        this.binary = binary;
        this.size = size;
        this.clientPorts = new int[size];
        this.peerPorts = new int[size];
        this.members = new Process[size];
    }

    /** The etcd binary, or null when it is not installed. */
    static String binary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin").split(":")) {
            File f = new File(dir, "etcd");
            if (!dir.isEmpty() && f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /** Skips the calling test (one line) when etcd is not installed. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(binary() != null,
                "etcd not installed (Debian: apt-get install etcd-server): etcd engine tests skipped");
    }

    /** One 3-member cluster shared by the tests of this JVM that do not kill members; stopped at exit. */
    static synchronized EtcdCluster shared() throws IOException {
        assumeAvailable();
        if (shared == null) {
            shared = start(3);
            EtcdCluster c = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "etcd-test-cluster-stop"));
        }
        return shared;
    }

    /**
     * Starts a new cluster of {@code size} members and waits until every member is healthy. A
     * port found free may be taken by another process before etcd binds it; a member that exits
     * while starting therefore gets the whole cluster started again on new ports (3 tries).
     */
    public static EtcdCluster start(int size) throws IOException {
        assumeAvailable();
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(size);
            } catch (MemberExitedException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** A member exited before it was healthy; its log's tail is in the message. */
    static final class MemberExitedException extends IOException {
        MemberExitedException(String message) {
            super(message);
        }
    }

    private static EtcdCluster startOnce(int size) throws IOException {
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "pmnfs-etcd-test-") : Files.createTempDirectory("pmnfs-etcd-test-");
        EtcdCluster c = new EtcdCluster(base, binary(), size);
        boolean ok = false;
        try {
            int[] ports = freePorts(2 * size);
            for (int i = 0; i < size; i++) {
                c.clientPorts[i] = ports[2 * i];
                c.peerPorts[i] = ports[2 * i + 1];
            }
            for (int i = 0; i < size; i++) {
                c.launch(i);
            }
            for (int i = 0; i < size; i++) {
                c.awaitHealthy(i);
            }
            ok = true;
            return c;
        } finally {
            if (!ok) {
                c.close();
            }
        }
    }

    /** {@code n} distinct free ports (all sockets held open together, so none comes twice). */
    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    private void launch(int i) throws IOException {
        StringBuilder cluster = new StringBuilder();
        for (int j = 0; j < size; j++) {
            cluster.append(j == 0 ? "" : ",").append("m").append(j).append("=http://127.0.0.1:").append(peerPorts[j]);
        }
        String client = "http://127.0.0.1:" + clientPorts[i];
        String peer = "http://127.0.0.1:" + peerPorts[i];
        List<String> cmd = new ArrayList<>(List.of("setsid", binary, "--name", "m" + i,
                "--data-dir", base.resolve("m" + i).toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", cluster.toString(), "--initial-cluster-state", "new",
                "--initial-cluster-token", token, "--logger", "zap", "--log-level", "warn",
                "--quota-backend-bytes", String.valueOf(QUOTA_BYTES)));
        members[i] = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("m" + i + ".log").toFile()))
                .start();
    }

    /** Waits (bounded) until member {@code i} answers /health with true. */
    void awaitHealthy(int i) throws IOException {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        URI health = URI.create("http://127.0.0.1:" + clientPorts[i] + "/health");
        while (System.nanoTime() < end) {
            if (!members[i].isAlive()) {
                throw new MemberExitedException("etcd member m" + i + " exited with " + members[i].exitValue() + ":\n" + logTail(i));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"health\":\"true\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for etcd", e);
            }
            sleep(100);
        }
        throw new IOException("etcd member m" + i + " not healthy after " + START_TIMEOUT + "; see " + log(i));
    }

    Path log(int i) {
        return base.resolve("m" + i + ".log");
    }

    /** The last lines of member {@code i}'s log (the directory goes when a failed start is closed). */
    private String logTail(int i) {
        try {
            List<String> lines = Files.readAllLines(log(i));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(log " + log(i) + " unreadable: " + e + ")";
        }
    }

    public List<URI> endpoints() {
        List<URI> l = new ArrayList<>();
        for (int p : clientPorts) {
            l.add(URI.create("http://127.0.0.1:" + p));
        }
        return l;
    }

    /** Settings for a fresh, unique namespace on this cluster (the quota is read from the cluster). */
    public EtcdSettings settings(String prefix) {
        return new EtcdSettings(endpoints(), prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8),
                Duration.ofSeconds(5), 0);
    }

    /** The client URLs, comma-separated, as {@code --etcd-endpoints} takes them. */
    public String endpointList() {
        StringBuilder b = new StringBuilder();
        for (URI u : endpoints()) {
            b.append(b.length() == 0 ? "" : ",").append(u);
        }
        return b.toString();
    }

    int size() {
        return size;
    }

    /** SIGKILLs member {@code i} and waits (bounded) until it is gone. */
    void kill(int i) {
        Process p = members[i];
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("etcd member m" + i + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        members[i] = null;
    }

    /** Starts a killed member again on its data directory and ports (it rejoins the cluster). */
    void restart(int i) throws IOException {
        if (members[i] == null) {
            launch(i);
        }
    }

    boolean alive(int i) {
        return members[i] != null && members[i].isAlive();
    }

    /** Kills every member and removes the data directories. */
    @Override
    public void close() {
        for (int i = 0; i < size; i++) {
            kill(i);
        }
        try (Stream<Path> s = Files.walk(base)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
