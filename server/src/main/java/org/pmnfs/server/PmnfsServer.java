package org.pmnfs.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.pmnfs.server.exports.CurrentExports;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.server.metrics.MetricsEndpoint;
import org.pmnfs.server.metrics.ServerMetrics;
import org.pmnfs.server.mount.MountProgram;
import org.pmnfs.server.nfs.ExportRoots;
import org.pmnfs.server.nfs.NfsProgram;
import org.pmnfs.server.portmap.PortmapProgram;
import org.pmnfs.server.portmap.mapping;
import org.pmnfs.server.rpc.CallObserver;
import org.pmnfs.server.rpc.RpcServer;
import org.pmnfs.vfs.FileSystemBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running pmnfs: NFSv3 and MOUNT on one port, optionally portmap v2 and the metrics endpoint, a
 * worker pool, and the backend, which it owns from a successful start until {@link #close()}.
 * The exports can be replaced while it runs ({@link #replaceExports}). Tests start it on port 0
 * and ask {@link #address()} where it listens.
 */
public final class PmnfsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PmnfsServer.class);

    /** Selector threads for the NFS port: reading and framing only, so few are needed. */
    private static final int SELECTOR_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    /** Portmap calls are a few dozen bytes. */
    private static final int PORTMAP_MAX_RECORD_BYTES = 64 * 1024;

    private final ServerConfig config;
    private final FileSystemBackend backend;
    private final ThreadPoolExecutor workers;
    private final CurrentExports exports;
    private RpcServer nfs;
    private RpcServer portmap;
    /** The metrics HTTP endpoint, when --metrics-listen asked for one. */
    private MetricsEndpoint metricsEndpoint;
    private boolean closed;

    private PmnfsServer(ServerConfig config, FileSystemBackend backend) {
        this.config = config;
        this.backend = backend;
        this.exports = new CurrentExports(config.exports());
        this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), new WorkerThreads());
    }

    /**
     * Starts serving {@code backend} as {@code config} says. On success the server owns the backend
     * and closes it in {@link #close()}; on failure nothing is left running and the caller still owns it.
     */
    public static PmnfsServer start(ServerConfig config, FileSystemBackend backend) throws IOException {
        PmnfsServer server = new PmnfsServer(config, backend);
        boolean started = false;
        try {
            server.startPrograms();
            started = true;
        } finally {
            if (!started) {
                server.stopTransports();
            }
        }
        return server;
    }

    private void startPrograms() throws IOException {
        ExportRoots roots = new ExportRoots(backend);
        NfsProgram nfsProgram = new NfsProgram(backend, exports, roots, ServerConfig.TRANSFER_SIZE);
        MountProgram mountProgram = new MountProgram(exports, roots);
        ServerMetrics metrics = config.metricsListen() == null ? null : new ServerMetrics();
        CallObserver calls = metrics == null ? CallObserver.NONE : metrics.calls();
        nfs = RpcServer.start(new RpcServer.Settings("nfs", config.listen(), false, ServerConfig.MAX_RECORD_BYTES,
                SELECTOR_THREADS, config.connections()), List.of(nfsProgram, mountProgram), workers, calls);
        if (config.portmap()) {
            int nfsPort = nfs.localAddress().getPort();
            InetSocketAddress bind = new InetSocketAddress(config.listen().getAddress(), config.portmapPort());
            PortmapProgram portmapProgram = new PortmapProgram(List.of(
                    new mapping(MountProgram.PROGRAM, 1, mapping.IPPROTO_TCP, nfsPort),
                    new mapping(MountProgram.PROGRAM, 2, mapping.IPPROTO_TCP, nfsPort),
                    new mapping(MountProgram.PROGRAM, 3, mapping.IPPROTO_TCP, nfsPort),
                    new mapping(NfsProgram.PROGRAM, NfsProgram.VERSION, mapping.IPPROTO_TCP, nfsPort)),
                    () -> portmap.localAddress().getPort());
            portmap = RpcServer.start(new RpcServer.Settings("portmap", bind, true, PORTMAP_MAX_RECORD_BYTES, 1,
                    config.connections()),
                    List.of(portmapProgram), workers, calls);
        }
        if (metrics != null) {
            metrics.listener("nfs", nfs);
            if (portmap != null) {
                metrics.listener("portmap", portmap);
            }
            metrics.transfers(nfsProgram.transfers());
            metrics.backend(backend.metrics());
            metricsEndpoint = metrics.serve(config.metricsListen());
        }
        LOG.info("serving {} export(s) with {} workers; transfer size {} KiB; quick calls {}",
                config.exports().exports().size(), config.workers(), ServerConfig.TRANSFER_SIZE / 1024,
                backend.answersFromMemory() ? "on the network thread (the backend answers from memory)"
                        : "on the workers");
    }

    /** The NFS and MOUNT address (with the real port). */
    public InetSocketAddress address() {
        return nfs.localAddress();
    }

    /** The portmapper's address, when it runs. */
    public Optional<InetSocketAddress> portmapAddress() {
        return Optional.ofNullable(portmap).map(RpcServer::localAddress);
    }

    /** Where {@code /metrics} is served, when metrics are on. */
    public Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(metricsEndpoint).map(MetricsEndpoint::address);
    }

    /** The exports in force. */
    public ExportTable exports() {
        return exports.get();
    }

    /**
     * Puts {@code table} in force for every call from now on, without touching connections or
     * mounts: a client that lost access gets ACCES (MNT3ERR_ACCES) on its next call, handles of
     * an export that is no longer listed are STALE, and a new client can mount.
     */
    public void replaceExports(ExportTable table) {
        exports.replace(table);
    }

    /** Open NFS connections right now. */
    public int connectionCount() {
        return nfs.connectionCount();
    }

    /** NFS and MOUNT calls received over TCP since start. */
    public long callsReceived() {
        return nfs.tcpCallsReceived();
    }

    /** Of those, the quick calls served on the network thread instead of a worker. */
    public long callsServedInline() {
        return nfs.tcpCallsServedInline();
    }

    /**
     * Stops: no new connections or calls, requests in flight finish within the shutdown grace and
     * their replies are written, then the connections close and the backend is closed.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        long start = System.nanoTime();
        LOG.info("shutting down: finishing requests in flight (grace {} ms)", config.shutdownGrace().toMillis());
        nfs.stopAccepting();
        if (portmap != null) {
            portmap.stopAccepting();
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} request(s) still running after {} ms; closing anyway", workers.getActiveCount(),
                        config.shutdownGrace().toMillis());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        long left = Math.max(0, config.shutdownGrace().toNanos() - (System.nanoTime() - start));
        nfs.closeConnections(Duration.ofNanos(Math.max(left, TimeUnit.SECONDS.toNanos(1))));
        stopTransports();
        backend.close();
        LOG.info("stopped");
    }

    private void stopTransports() {
        if (metricsEndpoint != null) {
            // First: a scrape must not read a backend that is being closed.
            metricsEndpoint.close();
        }
        if (nfs != null) {
            nfs.shutdownNow();
        }
        if (portmap != null) {
            portmap.shutdownNow();
        }
        workers.shutdownNow();
    }

    /** Names worker threads "pmnfs-worker-N"; daemon, so a failed start never pins the JVM. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "pmnfs-worker-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        }
    }
}
