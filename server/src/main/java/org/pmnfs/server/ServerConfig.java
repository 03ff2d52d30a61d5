package org.pmnfs.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.server.rpc.ConnectionLimits;

/**
 * How a {@link PmnfsServer} runs: where NFS and MOUNT listen, what is exported, whether the
 * built-in portmapper answers (and on which port), the worker pool size and the shutdown grace.
 * Immutable; start from {@link #defaults()} and change one thing at a time.
 *
 * @param listen        address and port of NFS and MOUNT (port 0: any free port, for tests)
 * @param exports       the export table
 * @param portmap       whether to serve portmap v2 on {@code portmapPort} (TCP and UDP)
 * @param portmapPort   the portmapper's port: 111, or 0 (any) for tests that are not root
 * @param workers       threads serving requests; calls on one connection run in parallel
 * @param shutdownGrace how long SIGTERM waits for requests in flight before closing
 * @param connections   how many TCP connections may be open, and when an idle one is closed
 * @param metricsListen where {@code /metrics} is served over HTTP (port 0: any free port), or
 *                      null for no metrics
 */
public record ServerConfig(InetSocketAddress listen, ExportTable exports, boolean portmap, int portmapPort,
                           int workers, Duration shutdownGrace, ConnectionLimits connections,
                           InetSocketAddress metricsListen) {

    /** The NFS port (RFC 1813 section 1: 2049 by convention). */
    public static final int DEFAULT_NFS_PORT = 2049;
    /** Loopback only unless told otherwise: the default exports trust 127.0.0.1. */
    public static final InetSocketAddress DEFAULT_LISTEN =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_NFS_PORT);
    /** The portmapper's well-known port (RFC 1833). */
    public static final int DEFAULT_PORTMAP_PORT = 111;
    /** Two per core, at least four: requests mostly wait on the backend or the socket, not the CPU. */
    public static final int DEFAULT_WORKERS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    /** Long enough for a 1 MiB write to a slow device, short enough for a service manager's stop timeout. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** The most worker threads accepted. */
    public static final int MAX_WORKERS = 1024;

    /**
     * rtmax, wtmax and dtpref: 1 MiB, the largest transfer the Linux client uses (NFS_MAX_FILE_IO_SIZE).
     */
    public static final int TRANSFER_SIZE = 1 << 20;
    /**
     * The largest RPC record accepted: a 1 MiB WRITE plus its header, credential and arguments
     * (under 1 KiB), rounded up to 4 KiB of headroom.
     */
    public static final int MAX_RECORD_BYTES = TRANSFER_SIZE + 4096;

    public ServerConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(exports, "exports");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(connections, "connections");
        if (portmapPort < 0 || portmapPort > 65535) {
            throw new IllegalArgumentException("portmapPort: 0..65535, got " + portmapPort);
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers: 1.." + MAX_WORKERS + ", got " + workers);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace: negative " + shutdownGrace);
        }
    }

    /**
     * 127.0.0.1:2049, the default exports, no portmapper, {@link #DEFAULT_WORKERS} workers, the
     * default connection limits, no metrics.
     */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_LISTEN, ExportTable.DEFAULT, false, DEFAULT_PORTMAP_PORT, DEFAULT_WORKERS,
                DEFAULT_SHUTDOWN_GRACE, ConnectionLimits.DEFAULTS, null);
    }

    public ServerConfig withListen(InetSocketAddress newListen) {
        return new ServerConfig(newListen, exports, portmap, portmapPort, workers, shutdownGrace, connections, metricsListen);
    }

    public ServerConfig withExports(ExportTable newExports) {
        return new ServerConfig(listen, newExports, portmap, portmapPort, workers, shutdownGrace, connections, metricsListen);
    }

    public ServerConfig withPortmap(boolean enabled, int port) {
        return new ServerConfig(listen, exports, enabled, port, workers, shutdownGrace, connections, metricsListen);
    }

    public ServerConfig withWorkers(int newWorkers) {
        return new ServerConfig(listen, exports, portmap, portmapPort, newWorkers, shutdownGrace, connections, metricsListen);
    }

    public ServerConfig withShutdownGrace(Duration newGrace) {
        return new ServerConfig(listen, exports, portmap, portmapPort, workers, newGrace, connections, metricsListen);
    }

    public ServerConfig withConnections(ConnectionLimits newLimits) {
        return new ServerConfig(listen, exports, portmap, portmapPort, workers, shutdownGrace, newLimits, metricsListen);
    }

    /** Serves {@code /metrics} on {@code address}; null: no metrics. */
    public ServerConfig withMetricsListen(InetSocketAddress address) {
        return new ServerConfig(listen, exports, portmap, portmapPort, workers, shutdownGrace, connections, address);
    }
}
