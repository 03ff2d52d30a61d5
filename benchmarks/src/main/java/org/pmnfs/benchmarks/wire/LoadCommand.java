package org.pmnfs.benchmarks.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Many connections at a queue depth: every connection (one client thread each) keeps DEPTH 4 KiB
 * READs or WRITEs in flight at random offsets of one shared file, sending the next call as soon
 * as a reply comes. All connections are opened first and stay open (idle) while the other targets
 * are measured, then all start at once. Reports the aggregate IOPS, the round trip's median and
 * 99th percentile over every call, the server's CPU per call, and fairness: the share of a fair
 * split the slowest connection got (1.0 when all got the same).
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Aggregate IOPS, p99 and fairness of many connections at a queue depth (4 KiB random READ or WRITE).")
final class LoadCommand implements Callable<Integer> {

    private static final int BLOCK = 4096;

    @Mixin
    CommonOptions common;

    @Option(names = "--connections", defaultValue = "64", description = "Connections per target. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--depth", defaultValue = "4", description = "Calls in flight per connection. Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(names = "--rw", split = ",", defaultValue = "randread,randwrite", description = "randread and/or randwrite. Default: ${DEFAULT-VALUE}.")
    List<String> rws;

    @Option(names = "--seconds", defaultValue = "10", description = "Seconds per measurement. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Seconds per target and workload before round 1. Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--file-size", defaultValue = "64", description = "MiB of the shared file. Default: ${DEFAULT-VALUE}.")
    int fileMiB;

    @Option(names = "--file-sync", description = "WRITEs are FILE_SYNC (default: UNSTABLE, as libnfs and fio send them).")
    boolean fileSync;

    /** One connection: its calls in flight and what it measured. */
    private static final class Conn {
        final Nfs3Client nfs;
        final SplittableRandom random;
        final byte[] block = Workspace.pattern(BLOCK);
        final int[] xids;
        final long[] sent;
        Samples samples;
        long done;

        Conn(Target t, int depth, long seed) throws IOException {
            this.nfs = t.connect();
            this.random = new SplittableRandom(seed);
            this.xids = new int[depth];
            this.sent = new long[depth];
        }

        int send(boolean write, byte[] file, int blocks, int stable) throws IOException {
            long offset = (long) random.nextInt(blocks) * BLOCK;
            return write ? nfs.sendWrite(file, offset, block, stable) : nfs.sendRead(file, offset, BLOCK);
        }

        /** Keeps {@code depth} calls in flight until {@code deadline}; then takes the replies still due. */
        void run(boolean write, byte[] file, int blocks, int stable, long deadline) throws IOException {
            samples = new Samples();
            done = 0;
            for (int i = 0; i < xids.length; i++) {
                sent[i] = System.nanoTime();
                xids[i] = send(write, file, blocks, stable);
            }
            int inFlight = xids.length;
            while (inFlight > 0) {
                int xid = nfs.receiveStatus();
                long now = System.nanoTime();
                int slot = slotOf(xid);
                if (now < deadline) {
                    samples.add(now - sent[slot]);
                    done++;
                    sent[slot] = System.nanoTime();
                    xids[slot] = send(write, file, blocks, stable);
                } else {
                    xids[slot] = 0;
                    inFlight--;
                }
            }
        }

        private int slotOf(int xid) throws IOException {
            for (int i = 0; i < xids.length; i++) {
                if (xids[i] == xid && sent[i] != 0) {
                    return i;
                }
            }
            throw new IOException("reply to xid " + Integer.toHexString(xid) + ", which is not in flight");
        }
    }

    /** One target's file and connections. */
    private static final class Side {
        final Target target;
        final byte[] file;
        final List<Conn> conns = new ArrayList<>();

        Side(Target target, int fileMiB, int connections, int depth) throws IOException {
            this.target = target;
            Workspace ws = Workspace.open(target, "load");
            try (Nfs3Client c = target.connect()) {
                this.file = ws.dataFile(c, "load.dat", (long) fileMiB << 20);
            }
            for (int i = 0; i < connections; i++) {
                conns.add(new Conn(target, depth, 1000 + i));
            }
        }
    }

    /** One measurement's outcome. */
    record Result(double iops, Samples.Summary rtt, double cpuPerOp, double slowestShare, double fastestShare, double load) {}

    @Override
    public Integer call() throws Exception {
        List<Side> sides = new ArrayList<>();
        for (Target t : common.parsedTargets()) {
            sides.add(new Side(t, fileMiB, connections, depth));
        }
        int blocks = fileMiB * (1 << 20) / BLOCK;
        for (String rw : rws) {
            for (Side s : sides) {
                measure(s, rw, blocks, warmup);
            }
        }
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (int round = 1; round <= common.rounds; round++) {
            for (String rw : rws) {
                for (Side s : CommonOptions.inRoundOrder(sides, round)) {
                    Result r = measure(s, rw, blocks, seconds);
                    results.computeIfAbsent(rw + "/" + s.target.name(), k -> new ArrayList<>()).add(r);
                    String line = String.format(Locale.ROOT, "load round %d %s %s %dx%d: %.0f IOPS median %.0f us p99 %.0f us"
                                    + " cpu/op %.1f us slowest %.2f fastest %.2f load %.1f", round, rw, s.target.name(), connections,
                            depth, r.iops(), r.rtt().median(), r.rtt().p99(), r.cpuPerOp(), r.slowestShare(), r.fastestShare(), r.load());
                    System.out.println(line);
                    common.raw(line);
                }
            }
        }
        for (Side s : sides) {
            for (Conn c : s.conns) {
                c.nfs.close();
            }
        }
        print(sides, results);
        return 0;
    }

    private Result measure(Side s, String rw, int blocks, double secs) throws Exception {
        boolean write = switch (rw) {
            case "randread" -> false;
            case "randwrite" -> true;
            default -> throw new IllegalArgumentException("--rw: randread or randwrite, not " + rw);
        };
        int stable = fileSync ? Nfs3Client.FILE_SYNC : Nfs3Client.UNSTABLE;
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (Conn c : s.conns) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    c.run(write, s.file, blocks, stable, deadline[0]);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        double load = ServerCpu.load();
        ServerCpu.Reading before = s.target.cpu();
        long start = System.nanoTime();
        deadline[0] = start + (long) (secs * 1e9);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        ServerCpu.Reading after = s.target.cpu();
        if (failure.get() != null) {
            throw new IOException(s.target.name() + " " + rw + ": " + failure.get().getMessage(), failure.get());
        }
        if (write) {
            try (Nfs3Client c = s.target.connect()) {
                c.commit(s.file); // not timed
            }
        }
        long total = s.conns.stream().mapToLong(c -> c.done).sum();
        double fair = (double) total / s.conns.size();
        long slowest = s.conns.stream().mapToLong(c -> c.done).min().orElse(0);
        long fastest = s.conns.stream().mapToLong(c -> c.done).max().orElse(0);
        double[] cpu = after.perOp(before, total);
        Samples all = Samples.merge(s.conns.stream().map(c -> c.samples).toList());
        return new Result(total / secs, all.summary(), cpu[0] + cpu[1], slowest / fair, fastest / fair, load);
    }

    private void print(List<Side> sides, Map<String, List<Result>> results) {
        String ref = sides.get(0).target.name();
        System.out.printf(Locale.ROOT, "%nMedians over %d rounds of %.0f s; %d connections x queue depth %d, 4 KiB at random offsets"
                + " of one %d MiB file%s; share = the slowest connection's calls / an equal split.%n%n", common.rounds, seconds,
                connections, depth, fileMiB, fileSync ? ", FILE_SYNC writes" : ", UNSTABLE writes");
        StringBuilder head = new StringBuilder("| workload |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Side s : sides) {
            head.append(' ').append(s.target.name()).append(" IOPS | median | p99 | CPU/op | slowest share |");
            rule.append("--:|--:|--:|--:|--:|");
        }
        for (int i = 1; i < sides.size(); i++) {
            head.append(' ').append(sides.get(i).target.name()).append('/').append(ref).append(" IOPS |");
            rule.append("--:|");
        }
        System.out.println(head);
        System.out.println(rule);
        for (String rw : rws) {
            StringBuilder row = new StringBuilder("| " + rw + " |");
            double[] iops = new double[sides.size()];
            for (int i = 0; i < sides.size(); i++) {
                List<Result> rs = results.get(rw + "/" + sides.get(i).target.name());
                iops[i] = med(rs, Result::iops);
                row.append(String.format(Locale.ROOT, " %.0f | %.0f µs | %.0f µs | %.1f µs | %.2f |", iops[i],
                        med(rs, r -> r.rtt().median()), med(rs, r -> r.rtt().p99()), med(rs, Result::cpuPerOp),
                        med(rs, Result::slowestShare)));
            }
            for (int i = 1; i < sides.size(); i++) {
                row.append(String.format(Locale.ROOT, " %.2f× |", iops[i] / iops[0]));
            }
            System.out.println(row);
        }
        double[] loads = results.values().stream().flatMap(List::stream).mapToDouble(Result::load).toArray();
        System.out.printf(Locale.ROOT, "%nLoad average during the measurements: median %.1f, from %.1f to %.1f.%n",
                Samples.median(loads), Arrays.stream(loads).min().orElse(Double.NaN), Arrays.stream(loads).max().orElse(Double.NaN));
    }

    private static double med(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
        return Samples.median(rs.stream().mapToDouble(f).toArray());
    }
}
