package org.pmnfs.server.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.pmnfs.server.nfs.TransferCounters;
import org.pmnfs.server.rpc.CallObserver;
import org.pmnfs.server.rpc.RpcServer;
import org.pmnfs.vfs.BackendMetric;

/**
 * pmnfs's Prometheus metrics, all named {@code pmnfs_*}: the calls the dispatcher reports
 * ({@link #calls()}), and numbers kept anyway by the server and the backend, which are read only
 * when scraped: connections per listener, file data read and written, and the backend's own
 * {@link BackendMetric}s. Served over HTTP by {@link MetricsEndpoint}.
 */
public final class ServerMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CallMetrics calls = new CallMetrics(registry);
    /** The RPC listeners (name, server) whose connections are published. */
    private final List<Listener> listeners = new ArrayList<>();

    private record Listener(String name, RpcServer server) {}

    public ServerMetrics() {
        GaugeWithCallback.builder().name("pmnfs_connections_open").help("TCP connections open now, by listener (nfs: "
                        + "NFS and MOUNT; portmap).")
                .labelNames("listener")
                .callback(cb -> forEachListener((name, s) -> cb.call(s.connectionCount(), name))).register(registry);
        CounterWithCallback.builder().name("pmnfs_connections_accepted_total").help("TCP connections accepted, by listener.")
                .labelNames("listener")
                .callback(cb -> forEachListener((name, s) -> cb.call(s.connectionsAccepted(), name))).register(registry);
        CounterWithCallback.builder().name("pmnfs_connections_refused_total")
                .help("TCP connections closed as soon as accepted because --max-connections were open, by listener.")
                .labelNames("listener")
                .callback(cb -> forEachListener((name, s) -> cb.call(s.connectionsRefused(), name))).register(registry);
        CounterWithCallback.builder().name("pmnfs_connections_idle_closed_total")
                .help("TCP connections closed after --idle-timeout without traffic, by listener.")
                .labelNames("listener")
                .callback(cb -> forEachListener((name, s) -> cb.call(s.connectionsClosedIdle(), name))).register(registry);
    }

    /** What the RPC dispatcher reports each call to. */
    public CallObserver calls() {
        return calls;
    }

    /** Publishes the connections of {@code server} under the label listener={@code name}. */
    public synchronized void listener(String name, RpcServer server) {
        listeners.add(new Listener(name, server));
    }

    /** Publishes the file data moved by READ and WRITE. */
    public void transfers(TransferCounters transfers) {
        counter("pmnfs_read_bytes_total", "Bytes of file data sent in READ replies.", transfers::bytesRead);
        counter("pmnfs_written_bytes_total", "Bytes of file data received in WRITE calls and stored.",
                transfers::bytesWritten);
    }

    /** Publishes each of the backend's numbers as {@code pmnfs_<name>}. */
    public void backend(List<BackendMetric> metrics) {
        for (BackendMetric m : metrics) {
            String name = "pmnfs_" + m.name();
            LongSupplier value = m.value();
            switch (m.kind()) {
                case GAUGE -> GaugeWithCallback.builder().name(name).help(m.help())
                        .callback(cb -> cb.call(value.getAsLong())).register(registry);
                case COUNTER -> counter(name, m.help(), value);
            }
        }
    }

    /** Starts serving {@code /metrics} on {@code address} (port 0: any free port). */
    public MetricsEndpoint serve(InetSocketAddress address) throws IOException {
        return MetricsEndpoint.start(address, registry);
    }

    private void counter(String name, String help, LongSupplier value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsLong())).register(registry);
    }

    private interface ListenerVisitor {
        void visit(String name, RpcServer server);
    }

    private synchronized void forEachListener(ListenerVisitor visitor) {
        for (Listener l : listeners) {
            visitor.visit(l.name(), l.server());
        }
    }
}
