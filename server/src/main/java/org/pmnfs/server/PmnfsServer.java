package org.pmnfs.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.pmnfs.server.exports.CurrentExports;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.server.metrics.MetricsEndpoint;
import org.pmnfs.server.metrics.ServerMetrics;
import org.pmnfs.server.mount.MountProgram;
import org.pmnfs.server.nfs.ExportRoots;
import org.pmnfs.server.nfs.NfsProgram;
import org.pmnfs.server.nlm.ClientHost;
import org.pmnfs.server.nlm.ClientRegistry;
import org.pmnfs.server.nlm.Grace;
import org.pmnfs.server.nlm.LockManager;
import org.pmnfs.server.nlm.LockReport;
import org.pmnfs.server.nlm.LocksAdminProgram;
import org.pmnfs.server.nlm.MachineIdentity;
import org.pmnfs.server.nlm.NlmCallbacks;
import org.pmnfs.server.nlm.NlmProgram;
import org.pmnfs.server.nlm.PeerLocator;
import org.pmnfs.server.nlm.StaleLockSweeper;
import org.pmnfs.server.nsm.NsmNotifier;
import org.pmnfs.server.nsm.NsmProgram;
import org.pmnfs.server.nsm.NsmStore;
import org.pmnfs.server.portmap.LocalRegistrations;
import org.pmnfs.server.portmap.PortmapProgram;
import org.pmnfs.server.portmap.mapping;
import org.pmnfs.server.rpc.CallObserver;
import org.pmnfs.server.rpc.RpcServer;
import org.pmnfs.vfs.FileSystemBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running pmnfs: NFSv3 and MOUNT on one port, NLM and NSM (locking) on another, optionally
 * portmap v2 and the metrics endpoint, a worker pool, and the backend, which it owns from a
 * successful start until {@link #close()}. The exports can be replaced while it runs
 * ({@link #replaceExports}). Tests start it on port 0 and ask {@link #address()} where it listens.
 */
public final class PmnfsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PmnfsServer.class);

    /** Selector threads for the NFS port: reading and framing only, so few are needed. */
    private static final int SELECTOR_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    /** Portmap calls are a few dozen bytes. */
    private static final int PORTMAP_MAX_RECORD_BYTES = 64 * 1024;
    /** NLM and NSM calls: names, handles and owners of at most 1 KiB each. */
    private static final int LOCKD_MAX_RECORD_BYTES = 64 * 1024;
    /** How often the lock state of removed files is dropped. */
    private static final Duration SWEEP_PERIOD = Duration.ofMinutes(1);

    private final ServerConfig config;
    private final LockSettings lockSettings;
    private final FileSystemBackend backend;
    private final ThreadPoolExecutor workers;
    private final CurrentExports exports;
    private RpcServer nfs;
    private RpcServer portmap;
    private RpcServer lockd;
    private LockManager locks;
    private NsmStore nsm;
    private NlmCallbacks callbacks;
    private NsmNotifier notifier;
    private ScheduledExecutorService sweeper;
    /** The metrics HTTP endpoint, when --metrics-listen asked for one. */
    private MetricsEndpoint metricsEndpoint;
    private boolean closed;

    private PmnfsServer(ServerConfig config, LockSettings lockSettings, FileSystemBackend backend) {
        this.config = config;
        this.lockSettings = lockSettings;
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
        return start(config, LockSettings.inMemory(), backend);
    }

    /** The same, with locking as {@code lockSettings} says. */
    public static PmnfsServer start(ServerConfig config, LockSettings lockSettings, FileSystemBackend backend) throws IOException {
        PmnfsServer server = new PmnfsServer(config, lockSettings, backend);
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
        LocalRegistrations local = startLocking(calls);
        LocksAdminProgram admin = new LocksAdminProgram(new AdminView());
        nfs = RpcServer.start(new RpcServer.Settings("nfs", config.listen(), false, ServerConfig.MAX_RECORD_BYTES,
                SELECTOR_THREADS, config.connections()), List.of(nfsProgram, mountProgram, admin), workers, calls);
        if (config.portmap()) {
            int nfsPort = nfs.localAddress().getPort();
            InetSocketAddress bind = new InetSocketAddress(config.listen().getAddress(), config.portmapPort());
            List<mapping> table = new ArrayList<>(List.of(
                    new mapping(MountProgram.PROGRAM, 1, mapping.IPPROTO_TCP, nfsPort),
                    new mapping(MountProgram.PROGRAM, 2, mapping.IPPROTO_TCP, nfsPort),
                    new mapping(MountProgram.PROGRAM, 3, mapping.IPPROTO_TCP, nfsPort),
                    new mapping(NfsProgram.PROGRAM, NfsProgram.VERSION, mapping.IPPROTO_TCP, nfsPort)));
            table.addAll(lockingMappings(lockd.localAddress().getPort()));
            PortmapProgram portmapProgram = new PortmapProgram(table, () -> portmap.localAddress().getPort(), local);
            portmap = RpcServer.start(new RpcServer.Settings("portmap", bind, true, PORTMAP_MAX_RECORD_BYTES, 1,
                    config.connections()),
                    List.of(portmapProgram), workers, calls);
        } else {
            LOG.warn("without --portmap, clients cannot find the lock manager (NLM on port {}): they must mount with "
                    + "-o nolock (locks local to each client), or run pmnfs with --portmap", lockd.localAddress().getPort());
        }
        if (metrics != null) {
            metrics.listener("nfs", nfs);
            metrics.listener("lockd", lockd);
            if (portmap != null) {
                metrics.listener("portmap", portmap);
            }
            metrics.transfers(nfsProgram.transfers());
            metrics.backend(backend.metrics());
            metricsEndpoint = metrics.serve(config.metricsListen());
        }
        locks.grace().restartClock();
        notifier.afterRestart(nsm.found(), MachineIdentity.bootId(), nsm.state());
        LOG.info("serving {} export(s) with {} workers; transfer size {} KiB; quick calls {}",
                config.exports().exports().size(), config.workers(), ServerConfig.TRANSFER_SIZE / 1024,
                backend.answersFromMemory() ? "on the network thread (the backend answers from memory)"
                        : "on the workers");
    }

    /**
     * Opens the NSM state (a new incarnation, written before anyone is answered), builds the lock
     * manager with a grace period when clients of the previous run may reclaim, and starts NLM and
     * NSM on their port. Returns the table of local portmap registrations (null without --portmap).
     */
    private LocalRegistrations startLocking(CallObserver calls) throws IOException {
        String bootId = MachineIdentity.bootId();
        String ourName = MachineIdentity.name();
        nsm = NsmStore.open(lockSettings.nsmFile(), bootId);
        int state = nsm.restart(bootId);
        Grace grace = nsm.found().isEmpty() ? Grace.none() : Grace.of(lockSettings.grace(), System::nanoTime);
        LocalRegistrations local = null;
        if (config.portmap()) {
            local = new LocalRegistrations(nsm::setLocals);
            local.restore(nsm.locals());
        }
        PeerLocator peers = new PeerLocator(config.portmap()
                ? new InetSocketAddress(config.listen().getAddress(), config.portmapPort()) : null, local,
                lockSettings.peerPortmapPort());
        callbacks = new NlmCallbacks(peers, () -> locks, ourName);
        locks = new LockManager(grace, callbacks, System::nanoTime);
        notifier = new NsmNotifier(peers, nsm, locks, ourName);
        NlmProgram nlmProgram = new NlmProgram(locks, exports, backend, new NsmClients(), callbacks);
        NsmProgram nsmProgram = new NsmProgram(nsm, locks, notifier);
        lockd = RpcServer.start(new RpcServer.Settings("lockd", new InetSocketAddress(config.listen().getAddress(),
                lockSettings.port()), true, LOCKD_MAX_RECORD_BYTES, 1, config.connections()), List.of(nlmProgram, nsmProgram), workers,
                calls);
        StaleLockSweeper stale = new StaleLockSweeper(locks, backend);
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pmnfs-lock-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(stale::sweep, SWEEP_PERIOD.toSeconds(), SWEEP_PERIOD.toSeconds(), TimeUnit.SECONDS);
        LOG.info("locking: NLM and NSM on port {} (tcp and udp), NSM state {} {}; {}", lockd.localAddress().getPort(), state,
                nsm.file() == null ? "in memory only (clients are not told to reclaim after a restart)" : "kept in " + nsm.file(),
                grace.active() ? "grace period of " + lockSettings.grace().toSeconds() + " s for the " + nsm.found().clients().size()
                        + " client host(s) of the previous run to reclaim their locks" : "no grace period (no client held locks)");
        return local;
    }

    /** NLM versions 1, 3 and 4 and NSM version 1, on TCP and UDP. */
    private static List<mapping> lockingMappings(int port) {
        List<mapping> m = new ArrayList<>();
        for (int prot : new int[] {mapping.IPPROTO_TCP, mapping.IPPROTO_UDP}) {
            for (int v : new int[] {NlmProgram.LOW_VERSION, NlmProgram.VERSION_3, NlmProgram.VERSION_4}) {
                m.add(new mapping(NlmProgram.PROGRAM, v, prot, port));
            }
            m.add(new mapping(NsmProgram.PROGRAM, NsmProgram.VERSION, prot, port));
        }
        return m;
    }

    /** The NSM list of client hosts, as NLM records and forgets them. */
    private final class NsmClients implements ClientRegistry {
        @Override
        public void add(ClientHost host) throws IOException {
            nsm.addClient(host);
        }

        @Override
        public void remove(Predicate<ClientHost> which) throws IOException {
            nsm.removeClients(which);
        }
    }

    /** What {@code pmnfs locks} sees and may do. */
    private final class AdminView implements LocksAdminProgram.Locks {
        @Override
        public String report() {
            new StaleLockSweeper(locks, backend).sweep();
            return LockReport.render(locks, backend, nsm.state(), nsm.file() == null ? "memory only" : nsm.file().toString(),
                    nsm.clients(), System::nanoTime);
        }

        @Override
        public int release(Predicate<ClientHost> which) throws IOException {
            int n = locks.releaseHosts(which);
            nsm.removeClients(which);
            return n;
        }
    }

    /** The NFS and MOUNT address (with the real port). */
    public InetSocketAddress address() {
        return nfs.localAddress();
    }

    /** The NLM and NSM address (TCP and UDP). */
    public InetSocketAddress lockAddress() {
        return lockd.localAddress();
    }

    /** The lock manager (for tests and the admin program). */
    public LockManager locks() {
        return locks;
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
        lockd.stopAccepting();
        if (portmap != null) {
            portmap.stopAccepting();
        }
        callbacks.close();
        notifier.close();
        sweeper.shutdownNow();
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
        if (lockd != null) {
            lockd.shutdownNow();
        }
        if (sweeper != null) {
            sweeper.shutdownNow();
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
