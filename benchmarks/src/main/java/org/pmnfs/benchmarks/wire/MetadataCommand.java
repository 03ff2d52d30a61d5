package org.pmnfs.benchmarks.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Metadata rates: each of N clients (its own connection and its own directory) creates F files,
 * then LOOKUPs and GETATTRs them for some seconds, lists its directory (F entries) with
 * READDIRPLUS over and over, and removes the files. Each phase runs on every target in turn (A B,
 * then B A in the next round) before the next phase starts, so the machine's load falls on all
 * alike. Rates are operations per second of wall time over all clients.
 */
@Command(name = "meta", mixinStandardHelpOptions = true,
        description = "Creates, lookups, getattrs, READDIRPLUS listings and removes per second at 1 and at 8 clients.")
final class MetadataCommand implements Callable<Integer> {

    enum Phase { CREATE, LOOKUP, GETATTR, READDIRPLUS, REMOVE }

    @Mixin
    CommonOptions common;

    @Option(names = "--clients", split = ",", defaultValue = "1,8", description = "Client counts to measure. Default: ${DEFAULT-VALUE}.")
    List<Integer> clientCounts;

    @Option(names = "--files", defaultValue = "1000", description = "Files per client (and entries of the listed directory). Default: ${DEFAULT-VALUE}.")
    int files;

    @Option(names = "--seconds", defaultValue = "3", description = "Seconds of the LOOKUP, GETATTR and READDIRPLUS phases. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--warmup", defaultValue = "2", description = "Seconds of each timed phase in the unrecorded warm-up round "
            + "(the most clients, --files each) before round 1; 0 for none. Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--dircount", defaultValue = "8192", description = "READDIRPLUS dircount. Default: ${DEFAULT-VALUE}.")
    int dircount;

    @Option(names = "--maxcount", defaultValue = "32768", description = "READDIRPLUS maxcount. Default: ${DEFAULT-VALUE}.")
    int maxcount;

    /** One client of one target: its connection, directory and files. */
    private static final class Client {
        final Nfs3Client nfs;
        final byte[] parent;
        byte[] dirName;
        byte[] dir;
        final byte[][] names;
        final byte[][] handles;
        long ops;
        long calls;

        Client(Target t, byte[] parent, int files) throws IOException {
            this.nfs = t.connect();
            this.parent = parent;
            this.names = new byte[files][];
            this.handles = new byte[files][];
            for (int i = 0; i < files; i++) {
                names[i] = Workspace.bytes("f" + i);
            }
        }

        void run(Phase p, long deadline, MetadataCommand m) throws IOException {
            switch (p) {
                case CREATE -> {
                    for (int i = 0; i < names.length; i++) {
                        handles[i] = nfs.create(dir, names[i]);
                    }
                    ops = calls = names.length;
                }
                case LOOKUP -> {
                    for (int i = 0; System.nanoTime() < deadline; i = (i + 1) % names.length) {
                        nfs.lookup(dir, names[i]);
                        ops++;
                    }
                    calls = ops;
                }
                case GETATTR -> {
                    for (int i = 0; System.nanoTime() < deadline; i = (i + 1) % names.length) {
                        nfs.getattr(handles[i]);
                        ops++;
                    }
                    calls = ops;
                }
                case READDIRPLUS -> {
                    while (System.nanoTime() < deadline) {
                        Nfs3Client.Listing l = nfs.readdirplus(dir, m.dircount, m.maxcount);
                        if (l.entries() < names.length) {
                            throw new IOException("READDIRPLUS listed " + l.entries() + " entries, " + names.length + " files exist");
                        }
                        ops++;
                        calls += l.calls();
                    }
                }
                case REMOVE -> {
                    for (byte[] name : names) {
                        nfs.remove(dir, name);
                    }
                    ops = calls = names.length;
                }
            }
        }
    }

    /** One phase's outcome on one target. */
    record Result(double opsPerSecond, double callsPerSecond, double cpuPerOp, double load) {}

    @Override
    public Integer call() throws Exception {
        List<Target> targets = common.parsedTargets();
        Map<Target, Workspace> spaces = new LinkedHashMap<>();
        for (Target t : targets) {
            spaces.put(t, Workspace.open(t, "meta"));
        }
        Map<String, Result[]> results = new LinkedHashMap<>();
        if (warmup > 0) {
            // Not recorded: a round as large as the largest measured one, so that a JVM server's JIT has
            // compiled every phase's path before round 1 (a few hundred creates are not enough for C2).
            measure(targets, spaces, 0, clientCounts.stream().mapToInt(Integer::intValue).max().orElse(1), null);
        }
        for (int round = 1; round <= common.rounds; round++) {
            for (int n : clientCounts) {
                measure(targets, spaces, round, n, results);
            }
        }
        print(targets, results);
        return 0;
    }

    /** One round at {@code n} clients: every phase on every target; recorded unless {@code results} is null (warm-up). */
    private void measure(List<Target> targets, Map<Target, Workspace> spaces, int round, int n, Map<String, Result[]> results)
            throws Exception {
        boolean warm = results == null;
        double phaseSeconds = warm ? warmup : seconds;
        int clientFiles = files;
        Map<Target, List<Client>> clients = new LinkedHashMap<>();
        for (Target t : targets) {
            List<Client> cs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Client c = new Client(t, spaces.get(t).dir, clientFiles);
                c.dirName = Workspace.bytes((warm ? "warmup" : "r" + round) + "-n" + n + "-c" + i);
                c.dir = c.nfs.mkdir(c.parent, c.dirName);
                cs.add(c);
            }
            clients.put(t, cs);
        }
        for (Phase p : Phase.values()) {
            for (Target t : CommonOptions.inRoundOrder(targets, round)) {
                Result r = runPhase(t, clients.get(t), p, phaseSeconds);
                if (warm) {
                    continue;
                }
                String key = p + "/" + n + "/" + t.name();
                results.computeIfAbsent(key, k -> new Result[common.rounds])[round - 1] = r;
                String line = String.format(Locale.ROOT, "meta round %d clients %d %s %s: %.0f ops/s (%.0f calls/s)"
                        + " cpu/op %.1f us load %.1f", round, n, p, t.name(), r.opsPerSecond(), r.callsPerSecond(),
                        r.cpuPerOp(), r.load());
                System.out.println(line);
                common.raw(line);
            }
        }
        for (List<Client> cs : clients.values()) {
            for (Client c : cs) {
                c.nfs.rmdir(c.parent, c.dirName);
                c.nfs.close();
            }
        }
    }

    private Result runPhase(Target t, List<Client> clients, Phase p, double phaseSeconds) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long[] deadline = new long[1];
        for (Client c : clients) {
            c.ops = 0;
            c.calls = 0;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    c.run(p, deadline[0], this);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        double load = ServerCpu.load();
        ServerCpu.Reading before = t.cpu();
        long start = System.nanoTime();
        deadline[0] = start + (long) (phaseSeconds * 1e9);
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IOException(t.name() + " " + p + ": " + failure.get().getMessage(), failure.get());
        }
        long ops = clients.stream().mapToLong(c -> c.ops).sum();
        long calls = clients.stream().mapToLong(c -> c.calls).sum();
        double[] cpu = t.cpu().perOp(before, calls);
        return new Result(ops / elapsed, calls / elapsed, cpu[0] + cpu[1], load);
    }

    private void print(List<Target> targets, Map<String, Result[]> results) {
        String ref = targets.get(0).name();
        System.out.printf(Locale.ROOT, "%nMedians over %d rounds; %d files per client, each client in its own directory; "
                + "READDIRPLUS lists all %d entries (dircount %d, maxcount %d); CPU is the server's per call.%n%n",
                common.rounds, files, files, dircount, maxcount);
        StringBuilder head = new StringBuilder("| operation | clients |");
        StringBuilder rule = new StringBuilder("|---|--:|");
        for (Target t : targets) {
            head.append(' ').append(t.name()).append(" per s | CPU/call |");
            rule.append("--:|--:|");
        }
        for (int i = 1; i < targets.size(); i++) {
            head.append(' ').append(targets.get(i).name()).append('/').append(ref).append(" |");
            rule.append("--:|");
        }
        System.out.println(head);
        System.out.println(rule);
        for (Phase p : Phase.values()) {
            for (int n : clientCounts) {
                StringBuilder row = new StringBuilder("| " + (p == Phase.READDIRPLUS ? "READDIRPLUS of " + files + " entries" : p)
                        + " | " + n + " |");
                double[] rates = new double[targets.size()];
                for (int i = 0; i < targets.size(); i++) {
                    Result[] rs = results.get(p + "/" + n + "/" + targets.get(i).name());
                    rates[i] = Samples.median(java.util.Arrays.stream(rs).mapToDouble(Result::opsPerSecond).toArray());
                    double cpu = Samples.median(java.util.Arrays.stream(rs).mapToDouble(Result::cpuPerOp).toArray());
                    row.append(String.format(Locale.ROOT, " %.0f | %s |", rates[i],
                            Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, "%.1f µs", cpu)));
                }
                for (int i = 1; i < targets.size(); i++) {
                    row.append(String.format(Locale.ROOT, " %.2f× |", rates[i] / rates[0]));
                }
                System.out.println(row);
            }
        }
        double[] loads = results.values().stream().flatMap(java.util.Arrays::stream).mapToDouble(Result::load).toArray();
        System.out.printf(Locale.ROOT, "%nLoad average during the measurements: median %.1f, from %.1f to %.1f.%n",
                Samples.median(loads), java.util.Arrays.stream(loads).min().orElse(Double.NaN),
                java.util.Arrays.stream(loads).max().orElse(Double.NaN));
    }
}
