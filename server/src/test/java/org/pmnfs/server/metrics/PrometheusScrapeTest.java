package org.pmnfs.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.RequiresCommand;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.StableHow;

/**
 * A real Prometheus server (Debian's prometheus) scrapes pmnfs every second while a client runs a
 * known workload over the wire; Prometheus's HTTP API must then report exactly the calls, errors
 * and bytes of that workload, and more than one scrape of it.
 */
@RequiresCommand(value = "prometheus", debianPackage = "prometheus")
class PrometheusScrapeTest {

    private static final int WRITES = 120;
    private static final int READS = 60;
    private static final int GETATTRS = 45;
    private static final int MISSING_LOOKUPS = 15;
    private static final int BATCHES = 3;
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** The dashboard users import; tests run in the module's directory. */
    private static final Path DASHBOARD = Path.of("..", "docker", "grafana-dashboard.json");
    private static final Pattern VALUE = Pattern.compile("\"value\":\\[[^,]+,\"([^\"]+)\"\\]");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void prometheusSeesExactlyTheCallsOfTheWorkload() throws Exception {
        ServerConfig config = ServerConfig.defaults().withListen(new InetSocketAddress(TestServer.LOOPBACK, 0))
                .withMetricsListen(new InetSocketAddress(TestServer.LOOPBACK, 0));
        try (TestServer server = TestServer.start(config, TestServer.memory())) {
            InetSocketAddress metrics = server.server().metricsAddress().orElseThrow();
            Process prometheus = startPrometheus(metrics);
            try {
                int api = apiPort;
                awaitReady(api, prometheus);
                awaitValue(api, "up{job=\"pmnfs\"}", 1);
                // A batch, then a pause longer than the scrape interval: Prometheus scrapes during the workload.
                try (NfsTestClient client = server.client()) {
                    byte[] root = client.mount("/");
                    byte[] file = client.createFile(root, "data");
                    byte[] block = new byte[4096];
                    for (int b = 0; b < BATCHES; b++) {
                        for (int i = 0; i < WRITES / BATCHES; i++) {
                            client.write(file, (long) (b * (WRITES / BATCHES) + i) * 4096, block, StableHow.UNSTABLE);
                        }
                        for (int i = 0; i < READS / BATCHES; i++) {
                            client.read(file, (long) i * 4096, 4096);
                        }
                        for (int i = 0; i < GETATTRS / BATCHES; i++) {
                            client.getattr(file);
                        }
                        for (int i = 0; i < MISSING_LOOKUPS / BATCHES; i++) {
                            assertEquals(NfsStatus.NOENT, client.lookup(root, "missing-" + i).status);
                        }
                        Thread.sleep(2_500);
                    }
                }
                String writes = "pmnfs_calls_total{program=\"NFS3\",procedure=\"WRITE\"}";
                assertEquals(WRITES, awaitValue(api, writes, WRITES), writes);
                assertEquals(READS, query(api, "pmnfs_calls_total{program=\"NFS3\",procedure=\"READ\"}"));
                assertEquals(GETATTRS, query(api, "pmnfs_calls_total{program=\"NFS3\",procedure=\"GETATTR\"}"));
                assertEquals(MISSING_LOOKUPS, query(api, "pmnfs_calls_total{program=\"NFS3\",procedure=\"LOOKUP\"}"));
                assertEquals(MISSING_LOOKUPS, query(api,
                        "pmnfs_call_errors_total{program=\"NFS3\",procedure=\"LOOKUP\",status=\"NOENT\"}"));
                assertEquals(1, query(api, "pmnfs_calls_total{program=\"MOUNT3\",procedure=\"MNT\"}"));
                assertEquals(WRITES, query(api, "pmnfs_call_duration_seconds_count{program=\"NFS3\",procedure=\"WRITE\"}"));
                assertEquals(WRITES * 4096.0, query(api, "pmnfs_written_bytes_total"));
                assertEquals(READS * 4096.0, query(api, "pmnfs_read_bytes_total"));
                assertEquals(1, query(api, "up{job=\"pmnfs\"}"));
                // The WRITE count went 0, 40, 80, 120 between batches: Prometheus scraped during the workload.
                double changes = query(api, "changes(" + writes + "[5m])");
                assertTrue(changes >= 2, "Prometheus saw the WRITE count change only " + changes + " times");
                everyDashboardQueryRuns(api);
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            }
        }
    }

    private int apiPort;

    /**
     * The Grafana dashboard shipped in docker/ asks Prometheus only what it can answer: each panel's
     * query (Grafana's variables filled in) runs, and the call rates show the workload.
     */
    private void everyDashboardQueryRuns(int api) throws Exception {
        String json = Files.readString(DASHBOARD);
        Matcher m = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        int queries = 0;
        while (m.find()) {
            String expr = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")
                    .replace("$__rate_interval", "1m").replace("$instance", ".+");
            query(api, expr);
            queries++;
        }
        assertTrue(queries >= 20, "only " + queries + " queries found in " + DASHBOARD);
        assertTrue(query(api, "sum(rate(pmnfs_calls_total{instance=~\".+\"}[1m]))") > 0);
    }

    private Process startPrometheus(InetSocketAddress target) throws IOException {
        apiPort = freePort();
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "scrape_configs:",
                "  - job_name: pmnfs",
                "    static_configs:",
                "      - targets: ['" + target.getAddress().getHostAddress() + ":" + target.getPort() + "']",
                ""));
        return new ProcessBuilder(List.of("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + tmp.resolve("data"),
                "--web.listen-address=127.0.0.1:" + apiPort, "--log.level=warn"))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
    }

    private void awaitReady(int port, Process prometheus) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            if (!prometheus.isAlive()) {
                throw new AssertionError("prometheus exited with " + prometheus.exitValue() + ":\n"
                        + Files.readString(tmp.resolve("prometheus.log")));
            }
            try {
                if (get(port, "/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("prometheus not ready within " + DEADLINE + ":\n" + Files.readString(tmp.resolve("prometheus.log")));
    }

    /** Waits (bounded) until a scrape after the workload has reached Prometheus, then returns the value. */
    private double awaitValue(int port, String expr, double expected) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        double last = Double.NaN;
        while (System.nanoTime() < end) {
            last = query(port, expr);
            if (last == expected) {
                return last;
            }
            Thread.sleep(500);
        }
        return last;
    }

    /** An instant query's single value, or NaN when the result is empty. */
    private double query(int port, String expr) throws Exception {
        HttpResponse<String> r = get(port, "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        if (r.statusCode() != 200 || !r.body().contains("\"status\":\"success\"")) {
            throw new AssertionError("query " + expr + ": " + r.statusCode() + " " + r.body());
        }
        Matcher m = VALUE.matcher(r.body());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
