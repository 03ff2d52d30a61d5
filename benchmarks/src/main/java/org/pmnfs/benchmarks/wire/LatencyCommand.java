package org.pmnfs.benchmarks.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where one request's time goes: one connection per target, one call at a time, each kind of call
 * measured for a few seconds per target in turn (A B, then B A in the next round), and the median
 * and 99th percentile round trip of every measurement. The gap between a call and NULL is the
 * server's own work; NULL against NULL compares the transports.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Single-request round trips (queue depth 1) of NULL, GETATTR, LOOKUP, 4 KiB READ, "
                + "4 KiB WRITE UNSTABLE and FILE_SYNC, CREATE+REMOVE.")
final class LatencyCommand implements Callable<Integer> {

    /** The calls measured, by the names --ops takes. */
    enum Probe {
        NULL("null", "NULL"),
        GETATTR("getattr", "GETATTR"),
        LOOKUP("lookup", "LOOKUP"),
        READ("read4k", "READ 4 KiB"),
        WRITE_UNSTABLE("write4k-unstable", "WRITE 4 KiB UNSTABLE"),
        WRITE_FILE_SYNC("write4k-filesync", "WRITE 4 KiB FILE_SYNC"),
        CREATE_REMOVE("create-remove", "CREATE + REMOVE");

        final String option;
        final String title;

        Probe(String option, String title) {
            this.option = option;
            this.title = title;
        }

        static Probe of(String option) {
            for (Probe p : values()) {
                if (p.option.equals(option)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("no such op " + option);
        }
    }

    private static final int BLOCK = 4096;

    @Mixin
    CommonOptions common;

    @Option(names = "--seconds", defaultValue = "2", description = "Seconds per measurement (one op on one target). Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--warmup", defaultValue = "2", description = "Seconds per op and target before round 1 (JIT). Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--ops", split = ",", defaultValue = "null,getattr,lookup,read4k,write4k-unstable,write4k-filesync,create-remove",
            description = "Calls to measure. Default: ${DEFAULT-VALUE}.")
    List<String> ops;

    @Option(names = "--file-size", defaultValue = "16", description = "MiB of the file READ and WRITE use (random 4 KiB-aligned offsets). Default: ${DEFAULT-VALUE}.")
    int fileMiB;

    /** One target's connection and files. */
    private static final class Side {
        final Target target;
        final Workspace ws;
        final Nfs3Client client;
        final byte[] file;
        final byte[] fileName = Workspace.bytes("data");
        final SplittableRandom random = new SplittableRandom(42);
        final byte[] block = Workspace.pattern(BLOCK);
        final int blocks;
        long names;

        Side(Target target, int fileMiB) throws IOException {
            this.target = target;
            this.ws = Workspace.open(target, "latency");
            this.client = target.connect();
            this.blocks = fileMiB * (1 << 20) / BLOCK;
            this.file = ws.dataFile(client, "data", (long) fileMiB << 20);
        }

        void call(Probe p) throws IOException {
            switch (p) {
                case NULL -> client.nullCall();
                case GETATTR -> client.getattr(file);
                case LOOKUP -> client.lookup(ws.dir, fileName);
                case READ -> {
                    int n = client.read(file, (long) random.nextInt(blocks) * BLOCK, BLOCK);
                    if (n != BLOCK) {
                        throw new IOException("READ of 4 KiB inside the file returned " + n + " bytes");
                    }
                }
                case WRITE_UNSTABLE -> client.write(file, (long) random.nextInt(blocks) * BLOCK, block, Nfs3Client.UNSTABLE);
                case WRITE_FILE_SYNC -> client.write(file, (long) random.nextInt(blocks) * BLOCK, block, Nfs3Client.FILE_SYNC);
                case CREATE_REMOVE -> {
                    byte[] name = Workspace.bytes("c" + names++);
                    client.create(ws.dir, name);
                    client.remove(ws.dir, name);
                }
            }
        }

        /** Calls {@code p} for {@code seconds}, timing each call. */
        Samples run(Probe p, double seconds) throws IOException {
            Samples s = new Samples();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            long t0 = System.nanoTime();
            while (t0 < end) {
                call(p);
                long t1 = System.nanoTime();
                s.add(t1 - t0);
                t0 = t1;
            }
            if (p == Probe.WRITE_UNSTABLE) {
                client.commit(file); // not timed: keeps the servers' unstable state from growing round after round
            }
            return s;
        }
    }

    /** One measurement's outcome. */
    record Result(Samples.Summary rtt, double cpuUser, double cpuSystem, double load) {}

    @Override
    public Integer call() throws Exception {
        List<Probe> probes = new ArrayList<>();
        for (String o : ops) {
            probes.add(Probe.of(o));
        }
        List<Side> sides = new ArrayList<>();
        for (Target t : common.parsedTargets()) {
            sides.add(new Side(t, fileMiB));
        }
        for (Side s : sides) {
            for (Probe p : probes) {
                s.run(p, warmup);
            }
        }
        Map<Probe, Map<String, List<Result>>> results = new LinkedHashMap<>();
        for (int round = 1; round <= common.rounds; round++) {
            for (Probe p : probes) {
                for (Side s : CommonOptions.inRoundOrder(sides, round)) {
                    double load = ServerCpu.load();
                    ServerCpu.Reading before = s.target.cpu();
                    Samples samples = s.run(p, seconds);
                    double[] cpu = s.target.cpu().perOp(before, samples.count());
                    Result r = new Result(samples.summary(), cpu[0], cpu[1], load);
                    results.computeIfAbsent(p, k -> new LinkedHashMap<>()).computeIfAbsent(s.target.name(), k -> new ArrayList<>()).add(r);
                    String line = String.format(Locale.ROOT, "latency round %d %s %s: n %d median %.1f us p99 %.1f us mean %.1f us"
                                    + " cpu/op %.1f+%.1f us load %.1f", round, p.option, s.target.name(), r.rtt().count(),
                            r.rtt().median(), r.rtt().p99(), r.rtt().mean(), cpu[0], cpu[1], load);
                    System.out.println(line);
                    common.raw(line);
                }
            }
        }
        for (Side s : sides) {
            s.client.close();
        }
        print(probes, sides, results);
        return 0;
    }

    private void print(List<Probe> probes, List<Side> sides, Map<Probe, Map<String, List<Result>>> results) {
        String ref = sides.get(0).target.name();
        System.out.printf(Locale.ROOT, "%nMedians over %d rounds of %.1f s per call and target (one connection, one call at a time); "
                + "ratios are target / %s.%n%n", common.rounds, seconds, ref);
        StringBuilder head = new StringBuilder("| call |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Side s : sides) {
            head.append(' ').append(s.target.name()).append(" median | p99 | over NULL | CPU/op |");
            rule.append("--:|--:|--:|--:|");
        }
        for (int i = 1; i < sides.size(); i++) {
            head.append(' ').append(sides.get(i).target.name()).append('/').append(ref).append(" median | p99 |");
            rule.append("--:|--:|");
        }
        System.out.println(head);
        System.out.println(rule);
        for (Probe p : probes) {
            StringBuilder row = new StringBuilder("| " + p.title + " |");
            double[] medians = new double[sides.size()];
            double[] p99s = new double[sides.size()];
            for (int i = 0; i < sides.size(); i++) {
                List<Result> rs = results.get(p).get(sides.get(i).target.name());
                medians[i] = median(rs, r -> r.rtt().median());
                p99s[i] = median(rs, r -> r.rtt().p99());
                double cpu = median(rs, r -> r.cpuUser() + r.cpuSystem());
                String overNull = "";
                if (p != Probe.NULL && results.containsKey(Probe.NULL)) {
                    overNull = String.format(Locale.ROOT, "%.1f", medians[i]
                            - median(results.get(Probe.NULL).get(sides.get(i).target.name()), r -> r.rtt().median()));
                }
                row.append(String.format(Locale.ROOT, " %.1f µs | %.1f µs | %s | %s |", medians[i], p99s[i], overNull,
                        Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, "%.1f µs", cpu)));
            }
            for (int i = 1; i < sides.size(); i++) {
                row.append(String.format(Locale.ROOT, " %.2f× | %.2f× |", medians[i] / medians[0], p99s[i] / p99s[0]));
            }
            System.out.println(row);
        }
        double[] loads = results.values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream)
                .mapToDouble(Result::load).toArray();
        System.out.printf(Locale.ROOT, "%nLoad average during the measurements: median %.1f, from %.1f to %.1f.%n",
                Samples.median(loads), java.util.Arrays.stream(loads).min().orElse(Double.NaN),
                java.util.Arrays.stream(loads).max().orElse(Double.NaN));
    }

    private static double median(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
        return Samples.median(rs.stream().mapToDouble(f).toArray());
    }
}
