package org.pmnfs.benchmarks.kv;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.pmnfs.kv.EtcdSettings;
import org.pmnfs.kv.KvBackend;
import org.pmnfs.kv.KvConfig;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.JukeboxException;
import org.pmnfs.vfs.SetAttributes;

/**
 * CREATEs per second on the kv backend's etcd engine, in process, 4 threads, spread over one or
 * two backends ("servers", each with its own caches) on one namespace, all in one directory or
 * each server in its own. Needs a running cluster: {@code -Dpmnfs.etcd.endpoints=URL,...}
 * (benchmarks/kv-etcd-figures starts one). Sample-time mode gives the latency percentiles, so a
 * run during which a member is killed shows what the failure costs (p100).
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Threads(4)
@State(Scope.Benchmark)
public class KvEtcdCreateBenchmark {

    /** How long the client waits after JUKEBOX (the Linux client waits 5 s; libnfs retries sooner). */
    static final long JUKEBOX_RETRY_MILLIS = 500;

    @Param({"1", "2"})
    int servers;

    /** {@code shared}: every create in one directory; {@code own}: one directory per server. */
    @Param({"shared", "own"})
    String directories;

    private KvBackend[] backends;
    private FileHandle[] dirs;
    private final AtomicLong names = new AtomicLong();
    private final AtomicInteger threads = new AtomicInteger();

    /** Which server a benchmark thread talks to. */
    @State(Scope.Thread)
    public static class Client {
        int server;

        @Setup(Level.Trial)
        public void pick(KvEtcdCreateBenchmark b) {
            server = b.threads.getAndIncrement() % b.servers;
        }
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        String endpoints = System.getProperty("pmnfs.etcd.endpoints");
        if (endpoints == null) {
            throw new IllegalStateException("set -Dpmnfs.etcd.endpoints=http://127.0.0.1:PORT,... (a running etcd cluster)");
        }
        EtcdSettings etcd = EtcdSettings.of(endpoints).withTimeout(Duration.ofSeconds(10))
                .withNamespace("bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8));
        backends = new KvBackend[servers];
        dirs = new FileHandle[servers];
        for (int i = 0; i < servers; i++) {
            backends[i] = KvBackend.open(KvConfig.defaults(etcd));
        }
        for (int i = 0; i < servers; i++) {
            dirs[i] = directories.equals("own") || i == 0
                    ? backends[i].mkdir(backends[i].root(), FileName.of("d" + i), SetAttributes.ofMode(0755)).handle()
                    : dirs[0];
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        for (KvBackend b : backends) {
            b.close();
        }
    }

    /** One CREATE as an NFS client sees it: JUKEBOX means wait and send again (counted in the latency). */
    @Benchmark
    public FileHandle create(Client c) throws IOException, InterruptedException {
        KvBackend b = backends[c.server];
        FileName name = FileName.of("f" + names.incrementAndGet());
        for (int attempt = 1; ; attempt++) {
            try {
                return b.create(dirs[c.server], name, CreateMode.UNCHECKED, SetAttributes.ofMode(0644), 0).handle();
            } catch (JukeboxException e) {
                if (attempt >= 30) {
                    throw e;
                }
                Thread.sleep(JUKEBOX_RETRY_MILLIS);
            }
        }
    }
}
