package org.pmnfs.server.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener of {@code --metrics-listen}: {@code /metrics} in the Prometheus text format
 * (and OpenMetrics when the scraper asks for it), written by the Prometheus client library's
 * exporter on its own daemon threads, away from the NFS threads.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final HTTPServer server;
    private final InetSocketAddress address;

    private MetricsEndpoint(HTTPServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    static MetricsEndpoint start(InetSocketAddress bind, PrometheusRegistry registry) throws IOException {
        HTTPServer server = HTTPServer.builder().inetAddress(bind.getAddress()).port(bind.getPort()).registry(registry)
                .buildAndStart();
        InetSocketAddress bound = new InetSocketAddress(bind.getAddress(), server.getPort());
        LOG.info("metrics on http://{}/metrics", hostPort(bound));
        return new MetricsEndpoint(server, bound);
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        server.close();
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
