package org.pmnfs.server.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.memory.HeapMemoryManager;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.nio.NIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOServerConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.nio.transport.UDPNIOTransport;
import org.glassfish.grizzly.nio.transport.UDPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ONC RPC server on one port: a Grizzly TCP transport (and optionally UDP on the same port)
 * whose filter chain is built here rather than by oncrpc4j's OncRpcSvc: transport, record marking
 * with a size limit, hand-off to a shared worker pool. Selector threads read and frame; the
 * workers run the program and write the reply, except for a call of memory work, which the
 * selector thread serves itself ({@link CallHandoffFilter}, {@link InlineServing}). Retransmitted
 * non-idempotent calls get their first reply again ({@link ReplyCache}); open connections are
 * counted, limited, and closed when idle ({@link OpenConnections}).
 */
public final class RpcServer {

    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    /** What to serve and how; see {@link RpcServer#start}. */
    public record Settings(String name, InetSocketAddress bind, boolean udp, int maxRecordBytes, int selectorThreads,
                           ConnectionLimits limits) {

        /** The largest reply body that comes from the pool of direct reply buffers. */
        int maxPooledReplyBytes() {
            return maxRecordBytes + RpcRequest.ACCEPTED_REPLY_HEADER_BYTES;
        }

        public Settings {
            if (maxRecordBytes < 1024) {
                throw new IllegalArgumentException("maxRecordBytes: at least 1024, got " + maxRecordBytes);
            }
            if (selectorThreads < 1) {
                throw new IllegalArgumentException("selectorThreads: at least 1, got " + selectorThreads);
            }
            Objects.requireNonNull(limits, "limits");
        }
    }

    /**
     * Idle large reply buffers kept for reuse (about 1 MiB each): enough for a busy client's READs
     * in flight without holding much memory when idle.
     */
    private static final int IDLE_REPLY_BUFFERS = 32;

    /**
     * SO_SNDBUF of NFS connections, and so the most Grizzly passes to one write call (1.5 times
     * this). Left alone, Grizzly caches the accepted socket's initial send buffer (tens of KiB) and
     * cuts a 1 MiB READ reply into twenty writes, most of them through the asynchronous write queue
     * and the selector thread; with 2 MiB a reply goes out in one call (measured on loopback under
     * load: about 550 to 850 MiB/s for 1 MiB reads at one outstanding request). The kernel caps it
     * at net.core.wmem_max.
     */
    static final int SOCKET_SEND_BUFFER_BYTES = 2 << 20;

    /**
     * Non-idempotent calls whose replies are kept for retransmissions ({@link ReplyCache}): a
     * reply with its attributes is well under 1 KiB, so a few MiB at most.
     */
    static final int REPLY_CACHE_ENTRIES = 4096;

    /** How long a kept reply answers a retransmission: the Linux nfsd's 120 s. */
    static final long REPLY_CACHE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final Settings settings;
    private final MemoryManager memory = new HeapMemoryManager();
    private final List<NIOTransport> transports = new ArrayList<>();
    private final OpenConnections connections;
    /** Closes idle connections now and then; null when they are never closed. */
    private ScheduledExecutorService idleCloser;
    private volatile boolean accepting = true;
    private CallHandoffFilter tcpHandoff;
    private InetSocketAddress localAddress;

    private RpcServer(Settings settings) {
        this.settings = settings;
        this.connections = new OpenConnections(settings.name(), settings.limits(), System::nanoTime);
    }

    /**
     * Binds and starts serving {@code programs} with {@code workers}. A port of 0 binds an
     * ephemeral port (see {@link #localAddress()}); with UDP, the UDP socket takes the same port.
     */
    public static RpcServer start(Settings settings, List<RpcProgram> programs, Executor workers) throws IOException {
        return start(settings, programs, workers, CallObserver.NONE);
    }

    /** As {@link #start(Settings, List, Executor)}, telling {@code observer} about every call. */
    public static RpcServer start(Settings settings, List<RpcProgram> programs, Executor workers, CallObserver observer)
            throws IOException {
        RpcServer server = new RpcServer(settings);
        boolean started = false;
        try {
            server.startTransports(programs, workers, observer);
            started = true;
            return server;
        } finally {
            if (!started) {
                server.shutdownNow();
            }
        }
    }

    private void startTransports(List<RpcProgram> programs, Executor workers, CallObserver observer) throws IOException {
        Map<Integer, RpcProgram> byNumber = new HashMap<>();
        for (RpcProgram p : programs) {
            if (byNumber.put(p.number(), p) != null) {
                throw new IllegalArgumentException("program " + p.number() + " registered twice");
            }
        }
        CallDispatcher dispatcher = new CallDispatcher(byNumber,
                new ReplyCache(REPLY_CACHE_ENTRIES, REPLY_CACHE_WINDOW_NANOS, System::nanoTime), observer);
        ReplyBufferPool replies = new ReplyBufferPool(settings.maxPooledReplyBytes(), IDLE_REPLY_BUFFERS);

        TCPNIOTransport tcp = TCPNIOTransportBuilder.newInstance()
                .setName(settings.name() + "-tcp")
                .setReuseAddress(true)
                .setTcpNoDelay(true)
                .setKeepAlive(true)
                .setIOStrategy(SameThreadIOStrategy.getInstance())
                .setSelectorRunnersCount(settings.selectorThreads())
                .setSelectorThreadPoolConfig(selectorPool(settings.name() + "-tcp"))
                .setWorkerThreadPoolConfig(null)
                .setMemoryManager(memory)
                .setMaxAsyncWriteQueueSizeInBytes(AsyncQueueWriter.UNLIMITED_SIZE)
                .setWriteBufferSize(SOCKET_SEND_BUFFER_BYTES)
                .build();
        tcpHandoff = new CallHandoffFilter(workers, dispatcher, true, () -> accepting, replies);
        tcp.setProcessor(FilterChainBuilder.stateless()
                .add(new TransportFilter())
                .add(new RecordMarkingFilter(settings.maxRecordBytes()))
                .add(tcpHandoff)
                .build());
        tcp.getConnectionMonitoringConfig().addProbes(connections);
        transports.add(tcp);
        TCPNIOServerConnection bound = tcp.bind(settings.bind());
        tcp.start();
        localAddress = (InetSocketAddress) bound.getLocalAddress();

        if (settings.udp()) {
            UDPNIOTransport udp = UDPNIOTransportBuilder.newInstance()
                    .setName(settings.name() + "-udp")
                    .setReuseAddress(true)
                    .setIOStrategy(SameThreadIOStrategy.getInstance())
                    .setSelectorRunnersCount(1)
                    .setSelectorThreadPoolConfig(selectorPool(settings.name() + "-udp").setCorePoolSize(1).setMaxPoolSize(1))
                    .setWorkerThreadPoolConfig(null)
                    .setMemoryManager(memory)
                    .build();
            udp.setProcessor(FilterChainBuilder.stateless()
                    .add(new TransportFilter())
                    .add(new CallHandoffFilter(workers, dispatcher, false, () -> accepting, replies))
                    .build());
            transports.add(udp);
            udp.bind(new InetSocketAddress(localAddress.getAddress(), localAddress.getPort()));
            udp.start();
        }
        startIdleCloser();
        LOG.info("{} listening on {} (tcp{})", settings.name(), localAddress.getAddress().getHostAddress() + ":" + localAddress.getPort(),
                settings.udp() ? " and udp" : "");
    }

    /** Checks for idle connections four times per idle timeout, between every 100 ms and every 30 s. */
    private void startIdleCloser() {
        if (!settings.limits().closesIdle()) {
            return;
        }
        long periodMillis = Math.clamp(settings.limits().idleTimeout().toMillis() / 4, 100, 30_000);
        idleCloser = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, settings.name() + "-idle-closer");
            t.setDaemon(true);
            return t;
        });
        idleCloser.scheduleWithFixedDelay(connections::closeIdle, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private ThreadPoolConfig selectorPool(String name) {
        return ThreadPoolConfig.defaultConfig()
                .setPoolName(name)
                .setCorePoolSize(settings.selectorThreads())
                .setMaxPoolSize(settings.selectorThreads())
                .setDaemon(true);
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Calls received over TCP since start. */
    public long tcpCallsReceived() {
        return tcpHandoff == null ? 0 : tcpHandoff.received();
    }

    /** Of those, the calls served on the selector thread itself ({@link RpcProgram#inline}). */
    public long tcpCallsServedInline() {
        return tcpHandoff == null ? 0 : tcpHandoff.servedInline();
    }

    /** Open TCP connections right now. */
    public int connectionCount() {
        return connections.count();
    }

    /** TCP connections accepted since start (refused ones not included). */
    public long connectionsAccepted() {
        return connections.accepted();
    }

    /** TCP connections closed at once because {@link ConnectionLimits#maxConnections} were open. */
    public long connectionsRefused() {
        return connections.refused();
    }

    /** TCP connections closed for being idle ({@link ConnectionLimits#idleTimeout}). */
    public long connectionsClosedIdle() {
        return connections.closedIdle();
    }

    /** Stops accepting connections and drops calls that arrive from now on. */
    public void stopAccepting() {
        accepting = false;
        for (NIOTransport t : transports) {
            t.unbindAll();
        }
    }

    /**
     * Closes every TCP connection after its queued replies are written, waiting at most
     * {@code timeout} in total.
     */
    public void closeConnections(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<Closeable>> closing = new ArrayList<>();
        for (Connection<?> c : connections.all()) {
            closing.add(c.close());
        }
        for (Future<Closeable> f : closing) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn("{}: connections still open after {} ms; closing them anyway", settings.name(), timeout.toMillis());
                return;
            } catch (ExecutionException e) {
                LOG.debug("{}: a connection failed while closing: {}", settings.name(), e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the transports at once, closing whatever is still open. */
    public void shutdownNow() {
        accepting = false;
        if (idleCloser != null) {
            idleCloser.shutdownNow();
        }
        for (NIOTransport t : transports) {
            try {
                t.shutdownNow();
            } catch (IOException e) {
                LOG.warn("{}: stopping transport {} failed: {}", settings.name(), t.getName(), e.toString());
            }
        }
    }
}
