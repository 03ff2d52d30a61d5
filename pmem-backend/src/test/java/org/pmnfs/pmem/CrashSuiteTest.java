package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pmnfs.pmem.CrashOps.Op;
import org.pmnfs.vfs.StableHow;

/**
 * Power loss at every persist point of scripted operation mixes. For each fence of a script
 * (a seeded sample when there are more than {@link #MAX_POINTS}) the script runs on a fresh
 * simulated pool until power fails at that fence; the lines not yet durable are dropped (all,
 * or a random subset of lines or of 8-byte words); the image is mounted (journal recovery and
 * the full check), compared with the model (the state before or after the operation in flight),
 * closed and fsck'ed (must be clean). After every operation that returned, power is also cut
 * on the spot: everything acknowledged as durable must be there. Some recoveries are
 * themselves interrupted by a second power failure.
 */
class CrashSuiteTest {

    /** Crash points tried per script; override with -Dpmnfs.crash.points=N for a full sweep. */
    static final int MAX_POINTS = Integer.getInteger("pmnfs.crash.points", 160);
    static final long POOL = 8L << 20;
    private static final SimDevice.Drop[] DROPS = SimDevice.Drop.values();

    @Test
    void namespaceScript() throws Exception {
        run("namespace", Scripts.namespace(), 11);
    }

    @Test
    void dataScript() throws Exception {
        run("data", Scripts.data(), 12);
    }

    @Test
    void randomScripts() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            run("random-" + seed, Scripts.random(seed, 45), 100 + seed);
        }
    }

    private void run(String name, List<Op> ops, long seed) throws Exception {
        List<CrashModel> models = new ArrayList<>();
        models.add(new CrashModel());
        for (Op op : ops) {
            CrashModel m = models.getLast().copy();
            op.model(m);
            models.add(m);
        }
        // Dry run: count fences, and cut power after every operation that returned.
        SimDevice d = SimPools.formatted(POOL);
        PmemBackend b = SimPools.mount(d);
        long base = d.fences();
        for (int i = 0; i < ops.size(); i++) {
            ops.get(i).apply(b);
            for (SimDevice.Drop drop : new SimDevice.Drop[] {SimDevice.Drop.ALL, SimDevice.Drop.RANDOM_WORDS}) {
                byte[] img = d.powerLossNow(drop, seed * 1000 + i);
                verify(name + " after op " + i + " " + ops.get(i) + " (" + drop + ")", img, models.get(i + 1), null, null);
            }
        }
        long total = d.fences() - base;
        List<Long> points = new ArrayList<>();
        for (long k = 1; k <= total; k++) {
            points.add(k);
        }
        Random rnd = new Random(seed);
        while (points.size() > MAX_POINTS) {
            points.remove(rnd.nextInt(points.size()));
        }
        int crashes = 0;
        for (long k : points) {
            SimDevice.Drop drop = DROPS[(int) (k % DROPS.length)];
            SimDevice dev = SimPools.formatted(POOL);
            PmemBackend be = SimPools.mount(dev);
            dev.crashAtFence(k, drop, seed * 7919 + k);
            int inFlight = -1;
            for (int i = 0; i < ops.size() && inFlight < 0; i++) {
                try {
                    ops.get(i).apply(be);
                } catch (SimDevice.PowerLoss e) {
                    inFlight = i;
                }
            }
            assertTrue(inFlight >= 0, name + ": fence " + k + " of " + total + " never came");
            crashes++;
            Op op = ops.get(inFlight);
            String what = name + ": power loss at fence " + k + "/" + total + " (" + drop + ") during op " + inFlight + " " + op;
            byte[] img = dev.crashImage();
            if (k % 5 == 0) {
                img = crashDuringRecovery(img, rnd.nextInt(6) + 1, seed + k);
            }
            verify(what, img, models.get(inFlight), models.get(inFlight + 1), op);
        }
        assertTrue(crashes > 0, name + " crashed nowhere");
    }

    /** Mounts {@code img} but cuts power again at the {@code n}-th fence of the recovery; returns what survives. */
    private static byte[] crashDuringRecovery(byte[] img, int n, long seed) throws IOException {
        SimDevice d = SimDevice.fromImage("recovering", img);
        d.crashAtFence(n, SimDevice.Drop.RANDOM_LINES, seed);
        try {
            SimPools.mountFs(d);
            return img; // recovery finished before that fence: use the original image
        } catch (SimDevice.PowerLoss e) {
            return d.crashImage();
        }
    }

    /**
     * Mounts the image, compares with the model (either side of {@code op} when one was in
     * flight), closes cleanly and runs fsck.
     */
    private static void verify(String what, byte[] img, CrashModel before, CrashModel after, Op op) throws IOException {
        SimDevice d = SimDevice.fromImage("recovered", img);
        String diff;
        try (PmemBackend b = SimPools.mount(d)) {
            CrashCheck c = new CrashCheck(b);
            if (op == null) {
                diff = c.compare(before, null, null);
            } else if (op.dataPath() != null) {
                diff = c.compare(after, op.dataPath(), before);
            } else {
                String d1 = c.compare(before, null, null);
                String d2 = d1 == null ? null : c.compare(after, null, null);
                diff = d1 == null || d2 == null ? null : "neither before (" + d1 + ") nor after (" + d2 + ")";
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(what + ": recovery failed: " + e, e);
        }
        assertNull(diff, what);
        FsckReport r = Fsck.check(d, false, FsckProgress.NONE);
        assertTrue(r.clean(), () -> what + ": fsck after recovery:\n" + r.summary());
    }

    /** The scripts. */
    static final class Scripts {
        private Scripts() {}

        static byte[] bytes(long seed, int n) {
            byte[] b = new byte[n];
            new Random(seed).nextBytes(b);
            return b;
        }

        static List<Op> namespace() {
            List<Op> s = new ArrayList<>();
            s.add(new CrashOps.Mkdir("/a"));
            s.add(new CrashOps.Mkdir("/b"));
            s.add(new CrashOps.Mkdir("/c"));
            s.add(new CrashOps.Create("/a/f1"));
            s.add(new CrashOps.Write("/a/f1", 0, bytes(1, 5000), StableHow.FILE_SYNC));
            s.add(new CrashOps.Create("/a/f2"));
            s.add(new CrashOps.Write("/a/f2", 0, bytes(2, 100), StableHow.FILE_SYNC));
            s.add(new CrashOps.Link("/a/f1", "/b/l1"));
            s.add(new CrashOps.Symlink("/a/s", "short"));
            s.add(new CrashOps.Symlink("/a/S", "x".repeat(200)));
            s.add(new CrashOps.Mknod("/b/fifo"));
            s.add(new CrashOps.Rename("/a/f2", "/a/f2r"));
            s.add(new CrashOps.Rename("/a/f2r", "/b/f2"));
            s.add(new CrashOps.Create("/b/t"));
            s.add(new CrashOps.Write("/b/t", 0, bytes(3, 3000), StableHow.FILE_SYNC));
            s.add(new CrashOps.Rename("/b/f2", "/b/t"));
            s.add(new CrashOps.Create("/c/victim"));
            s.add(new CrashOps.Rename("/b/t", "/c/victim"));
            s.add(new CrashOps.Mkdir("/a/d1"));
            s.add(new CrashOps.Create("/a/d1/inner"));
            s.add(new CrashOps.Mkdir("/b/d2"));
            s.add(new CrashOps.Rename("/a/d1", "/b/d2"));
            s.add(new CrashOps.Mkdir("/b/d3"));
            s.add(new CrashOps.Rename("/b/d3", "/a/d3"));
            s.add(new CrashOps.Unlink("/b/l1"));
            s.add(new CrashOps.Unlink("/a/f1"));
            for (int i = 0; i < 30; i++) {
                // 200-byte names take 14 slots: the directory chains several dirent blocks; 30 inodes grow the itable.
                s.add(new CrashOps.Create("/c/" + i + "-" + "n".repeat(200)));
            }
            for (int i = 0; i < 30; i += 2) {
                s.add(new CrashOps.Unlink("/c/" + i + "-" + "n".repeat(200)));
            }
            s.add(new CrashOps.Rmdir("/a/d3"));
            s.add(new CrashOps.Rename("/c/1-" + "n".repeat(200), "/a/n1"));
            s.add(new CrashOps.Unlink("/a/S"));
            s.add(new CrashOps.Rename("/b/d2", "/c/d2"));
            s.add(new CrashOps.Close());
            return s;
        }

        static List<Op> data() {
            List<Op> s = new ArrayList<>();
            s.add(new CrashOps.Create("/f"));
            s.add(new CrashOps.Write("/f", 0, bytes(10, 4096), StableHow.FILE_SYNC));
            s.add(new CrashOps.Write("/f", 2L << 20, bytes(11, 100), StableHow.FILE_SYNC));
            s.add(new CrashOps.Write("/f", (1L << 30) + 4000, bytes(12, 5000), StableHow.FILE_SYNC));
            s.add(new CrashOps.Write("/f", 100, bytes(13, 50), StableHow.FILE_SYNC));
            s.add(new CrashOps.Write("/f", 10, bytes(14, 300), StableHow.UNSTABLE));
            s.add(new CrashOps.Commit("/f"));
            s.add(new CrashOps.Write("/f", 20, bytes(15, 100), StableHow.UNSTABLE));
            s.add(new CrashOps.Truncate("/f", 3000));
            s.add(new CrashOps.Truncate("/f", 10000));
            s.add(new CrashOps.Write("/f", 9000, bytes(16, 2000), StableHow.FILE_SYNC));
            s.add(new CrashOps.Write("/f", 11000, bytes(17, 500), StableHow.DATA_SYNC));
            s.add(new CrashOps.Create("/g"));
            s.add(new CrashOps.Write("/g", 0, bytes(18, 600 << 10), StableHow.FILE_SYNC));
            s.add(new CrashOps.Truncate("/g", 100 << 10));
            s.add(new CrashOps.Write("/g", 50 << 10, bytes(19, 20000), StableHow.UNSTABLE));
            s.add(new CrashOps.Commit("/g"));
            s.add(new CrashOps.Write("/g", 70 << 10, bytes(20, 1000), StableHow.UNSTABLE));
            s.add(new CrashOps.Truncate("/g", 0));
            s.add(new CrashOps.Unlink("/g"));
            s.add(new CrashOps.Close());
            return s;
        }

        /** A random but valid mix over a small tree, generated against a model. */
        static List<Op> random(long seed, int n) {
            Random r = new Random(seed);
            CrashModel m = new CrashModel();
            List<Op> s = new ArrayList<>();
            int names = 0;
            while (s.size() < n) {
                List<String> dirs = new ArrayList<>();
                List<String> files = new ArrayList<>();
                for (String p : m.paths.keySet()) {
                    switch (m.at(p).type()) {
                        case DIRECTORY -> dirs.add(p);
                        case REGULAR -> files.add(p);
                        default -> { }
                    }
                }
                String dir = dirs.get(r.nextInt(dirs.size()));
                String fresh = (dir.equals("/") ? "" : dir) + "/n" + (names++);
                Op op = switch (r.nextInt(10)) {
                    case 0 -> new CrashOps.Mkdir(fresh);
                    case 1, 2 -> new CrashOps.Create(fresh);
                    case 3, 4 -> files.isEmpty() ? new CrashOps.Create(fresh) : new CrashOps.Write(files.get(r.nextInt(files.size())),
                            r.nextInt(64 << 10), bytes(r.nextLong(), 1 + r.nextInt(9000)), StableHow.values()[r.nextInt(3)]);
                    case 5 -> files.isEmpty() ? new CrashOps.Symlink(fresh, "t") : new CrashOps.Truncate(files.get(r.nextInt(files.size())),
                            r.nextInt(40 << 10));
                    case 6 -> files.isEmpty() ? new CrashOps.Mknod(fresh) : new CrashOps.Link(files.get(r.nextInt(files.size())), fresh);
                    case 7 -> files.isEmpty() ? new CrashOps.Mkdir(fresh) : new CrashOps.Unlink(files.get(r.nextInt(files.size())));
                    case 8 -> {
                        if (files.size() >= 2 && r.nextBoolean()) {
                            yield new CrashOps.Rename(files.get(r.nextInt(files.size())), files.get(r.nextInt(files.size())));
                        }
                        yield files.isEmpty() ? new CrashOps.Symlink(fresh, "y".repeat(100)) : new CrashOps.Rename(files.get(r.nextInt(files.size())), fresh);
                    }
                    default -> {
                        String empty = null;
                        for (String d : dirs) {
                            if (!d.equals("/") && m.paths.keySet().stream().noneMatch(p -> p.startsWith(d + "/"))) {
                                empty = d;
                            }
                        }
                        if (empty != null && r.nextBoolean()) {
                            yield new CrashOps.Rmdir(empty);
                        }
                        if (dirs.size() > 2) {
                            String d = dirs.get(1 + r.nextInt(dirs.size() - 1));
                            if (!dir.startsWith(d)) {
                                yield new CrashOps.Rename(d, fresh);
                            }
                        }
                        yield new CrashOps.Commit(files.isEmpty() ? "/" : files.get(r.nextInt(files.size())));
                    }
                };
                if (op instanceof CrashOps.Commit c && c.path().equals("/")) {
                    continue;
                }
                op.model(m);
                s.add(op);
            }
            s.add(new CrashOps.Close());
            return s;
        }
    }
}
