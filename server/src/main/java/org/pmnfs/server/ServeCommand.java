package org.pmnfs.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.server.exports.ExportsFile;
import org.pmnfs.server.exports.ExportsFileException;
import org.pmnfs.server.rpc.ConnectionLimits;
import org.pmnfs.vfs.FileSystemBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code pmnfs serve}: opens a backend and serves it until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Serve a backend over NFSv3 and MOUNT v3 (one TCP port), with the NLM lock manager and NSM",
                "(another port, TCP and UDP), optionally with portmap v2.",
                "With --portmap, a plain mount finds everything, locks included:",
                "  mount -t nfs 127.0.0.1:/ /mnt",
                "Without --portmap, clients pass the port themselves and cannot find the lock manager, e.g.",
                "  mount -t nfs -o vers=3,proto=tcp,port=2049,mountport=2049,mountproto=tcp,nolock 127.0.0.1:/ /mnt",
                "  nfs-ls 'nfs://127.0.0.1/?version=3&nfsport=2049&mountport=2049'"})
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", paramLabel = "KIND", defaultValue = "pmem", converter = KindConverter.class,
            description = "The store to serve: pmem (a PMEM pool, --device), kv (RocksDB in --kv-dir, or etcd) or memory "
                    + "(RAM, lost at exit). Default: ${DEFAULT-VALUE}.")
    BackendKind backend;

    @Option(names = "--device", paramLabel = "PATH",
            description = "pmem: the pool: a file on a DAX file system (MAP_SYNC), /dev/daxX.Y, or any file "
                    + "(msync). Default: ./pmnfs.pool, created at 1 GiB when missing.")
    Path device;

    @Option(names = "--size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "pmem: create the pool at this size if it does not exist (e.g. 4G).")
    Long poolSize;

    @Option(names = "--memory-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "memory: the most bytes the store may hold (NFS3ERR_NOSPC past it). Default: half the JVM heap.")
    Long memorySize;

    @Option(names = "--kv-dir", paramLabel = "DIR",
            description = "kv: the store directory; created and formatted when missing or empty.")
    Path kvDir;

    @Option(names = "--kv-engine", paramLabel = "ENGINE",
            description = "kv: where the store lives: rocksdb (a directory, --kv-dir; one server) or etcd (a cluster, "
                    + "--etcd-endpoints; several servers may share it). Default: rocksdb.")
    String kvEngine;

    @Option(names = "--etcd-endpoints", paramLabel = "URL,...",
            description = "kv, etcd engine: client URLs of the cluster's members, e.g. http://10.0.0.1:2379,http://10.0.0.2:2379.")
    String etcdEndpoints;

    @Option(names = "--kv-namespace", paramLabel = "NAME",
            description = "kv, etcd engine: the store's name in the cluster (keys under pmnfs/NAME/); servers given the "
                    + "same name serve the same files. Created when empty. Default: default.")
    String kvNamespace;

    @Option(names = "--etcd-quota", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "kv, etcd engine: the members' --quota-backend-bytes, used as FSSTAT's capacity only when no member "
                    + "reports it at /metrics (etcd 3.4 does; without either, serve refuses to start). Default: none.")
    Long etcdQuota;

    @Option(names = "--chunk-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "kv: bytes per data chunk object of a NEW store, a power of two from 4K to 2M. Default: 64K.")
    Long chunkSize;

    @Option(names = "--dirty-limit", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "kv: UNSTABLE data held in memory until COMMIT; past it older data is written back. Default: 128M.")
    Long dirtyLimit;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:2049", converter = ListenConverter.class,
            description = "Address and TCP port of NFS and MOUNT ([::1]:2049 for IPv6, :2049 for all). Default: ${DEFAULT-VALUE}.")
    InetSocketAddress listen;

    @Option(names = "--exports", paramLabel = "FILE",
            description = "Exports in /etc/exports syntax, read again on SIGHUP (a bad file keeps the exports in "
                    + "force). Default: / exported read-write to 127.0.0.1 only.")
    Path exports;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT", converter = ListenConverter.class,
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics (calls, errors and latency per "
                    + "procedure, bytes, connections, the backend's space). Default: off.")
    InetSocketAddress metricsListen;

    @Option(names = "--portmap",
            description = "Also answer portmap v2 on port 111 (TCP and UDP), so rpcinfo -p and showmount -e work. Needs root.")
    boolean portmap;

    @Option(names = "--grace", paramLabel = "SECONDS",
            description = "After a restart, how long clients that held locks have to reclaim them; only reclaims are "
                    + "granted meanwhile (held only when clients held locks). Default: ${DEFAULT-VALUE}.")
    long graceSeconds = LockSettings.DEFAULT_GRACE.toSeconds();

    @Option(names = "--nsm-file", paramLabel = "FILE",
            description = "Where the NSM state (state number, client hosts to tell to reclaim after a restart) is kept. "
                    + "Default: beside the store, POOL.nsm or KVDIR.nsm; none for the memory backend and device nodes.")
    Path nsmFile;

    @Option(names = "--lock-port", paramLabel = "PORT",
            description = "TCP and UDP port of the lock manager (NLM) and status monitor (NSM); 0: any free port, "
                    + "found through the portmapper. Default: ${DEFAULT-VALUE}.")
    int lockPort;

    @Option(names = "--workers", paramLabel = "N",
            description = "Threads serving requests. Default: twice the cores, at least 4 (here ${DEFAULT-VALUE}).")
    int workers = ServerConfig.DEFAULT_WORKERS;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "TCP connections that may be open at once; one more is closed when accepted. Default: ${DEFAULT-VALUE}.")
    int maxConnections = ConnectionLimits.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Close a connection after this long with no traffic and no call in flight (the client "
                    + "reconnects when it needs to); 0: never. Default: ${DEFAULT-VALUE}.")
    long idleTimeoutSeconds = ConnectionLimits.DEFAULT_IDLE_TIMEOUT.toSeconds();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (workers < 1 || workers > ServerConfig.MAX_WORKERS) {
            throw new ParameterException(spec.commandLine(), "--workers: " + workers + " is outside 1.." + ServerConfig.MAX_WORKERS);
        }
        if (maxConnections < 1) {
            throw new ParameterException(spec.commandLine(), "--max-connections: " + maxConnections + " is less than 1");
        }
        if (idleTimeoutSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--idle-timeout: " + idleTimeoutSeconds + " is negative");
        }
        if (graceSeconds < 0 || graceSeconds > LockSettings.MAX_GRACE.toSeconds()) {
            throw new ParameterException(spec.commandLine(), "--grace: " + graceSeconds + " is outside 0.."
                    + LockSettings.MAX_GRACE.toSeconds());
        }
        if (lockPort < 0 || lockPort > 65535) {
            throw new ParameterException(spec.commandLine(), "--lock-port: " + lockPort + " is outside 0..65535");
        }
        ExportTable table;
        try {
            table = exports == null ? ExportTable.DEFAULT : ExportsFile.parse(exports);
        } catch (ExportsFileException e) {
            err.println("pmnfs: " + e.getMessage());
            return 2;
        }
        ServerConfig config = ServerConfig.defaults().withListen(listen).withExports(table)
                .withPortmap(portmap, ServerConfig.DEFAULT_PORTMAP_PORT).withWorkers(workers)
                .withConnections(new ConnectionLimits(maxConnections, Duration.ofSeconds(idleTimeoutSeconds)))
                .withMetricsListen(metricsListen);
        BackendOptions storeOptions = new BackendOptions(backend, device, poolSize, memorySize, kvDir, chunkSize, dirtyLimit,
                kvEngine, etcdEndpoints, kvNamespace, etcdQuota);
        FileSystemBackend store;
        try {
            store = BackendFactory.create(storeOptions);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            err.println("pmnfs: cannot open the " + backend + " backend: " + e.getMessage());
            return 1;
        }
        // Beside the store once it is open (a missing pool has just been created).
        LockSettings locking = new LockSettings(Duration.ofSeconds(graceSeconds),
                nsmFile != null ? nsmFile : LockSettings.besideStore(storeOptions), lockPort, LockSettings.PORTMAP_PORT);
        // Before the server starts, so a SIGHUP that comes early never takes the JVM's default (exit).
        AtomicReference<ExportsReloader> reloader = new AtomicReference<>();
        HangupSignal.handle(() -> {
            ExportsReloader r = reloader.get();
            if (r == null) {
                LOG.warn("SIGHUP while starting: ignored; send it again once the server serves");
            } else {
                r.reload();
            }
        });
        PmnfsServer server;
        try {
            server = PmnfsServer.start(config, locking, store);
        } catch (IOException e) {
            store.close();
            err.println("pmnfs: cannot start: " + describe(e, config, locking));
            return 1;
        }
        reloader.set(new ExportsReloader(exports, server));
        LOG.info("pmnfs serving the {} backend on {}{}", backend, server.address().getAddress().getHostAddress() + ":"
                + server.address().getPort(), portmap ? " (portmap on port " + ServerConfig.DEFAULT_PORTMAP_PORT + ")" : "");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException | RuntimeException e) {
                LOG.error("closing the server failed", e);
            } finally {
                stopped.countDown();
            }
        }, "pmnfs-shutdown"));
        stopped.await();
        return 0;
    }

    private static String describe(IOException e, ServerConfig config, LockSettings locking) {
        if (e instanceof BindException) {
            return "cannot listen on " + config.listen().getAddress().getHostAddress() + ":" + config.listen().getPort()
                    + (config.portmap() ? " or portmap port " + config.portmapPort() : "")
                    + (config.metricsListen() != null ? " or metrics on " + config.metricsListen().getAddress().getHostAddress()
                            + ":" + config.metricsListen().getPort() : "")
                    + " or the --lock-port (" + e.getMessage()
                    + "); is another NFS server or rpcbind running? Ports below 1024 need root.";
        }
        if (e instanceof FileSystemException f && f.getFile() != null) {
            // (AccessDeniedException's message is the bare path)
            String why = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : f.getReason() != null ? f.getReason() : e.toString();
            Path nsm = locking.nsmFile();
            boolean nsmFile = nsm != null && f.getFile().startsWith(nsm.toString());
            return f.getFile() + ": " + why + (nsmFile ? " (the lock manager's NSM state file; its directory must be writable, "
                    + "or choose another place with --nsm-file)" : "");
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** --backend values, case-insensitive, with the list of choices in the error. */
    static final class KindConverter implements ITypeConverter<BackendKind> {
        @Override
        public BackendKind convert(String value) {
            for (BackendKind k : BackendKind.values()) {
                if (k.cliName().equalsIgnoreCase(value)) {
                    return k;
                }
            }
            StringBuilder choices = new StringBuilder();
            for (BackendKind k : BackendKind.values()) {
                choices.append(choices.isEmpty() ? "" : ", ").append(k.cliName());
            }
            throw new TypeConversionException("unknown backend '" + value + "' (choose from: " + choices + ")");
        }
    }

    /** --listen values. */
    static final class ListenConverter implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            try {
                return ListenAddress.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
