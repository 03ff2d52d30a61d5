package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.kv.EtcdCluster;
import org.pmnfs.kv.EtcdSettings;
import org.pmnfs.kv.KvConfig;
import org.pmnfs.kv.KvStoreChecker;
import org.pmnfs.server.nfs.xdr.CREATE3res;
import org.pmnfs.server.nfs.xdr.FSSTAT3res;
import org.pmnfs.server.nfs.xdr.LOOKUP3res;
import org.pmnfs.server.nfs.xdr.READ3res;
import org.pmnfs.server.nfs.xdr.READDIR3res;
import org.pmnfs.server.nfs.xdr.entry3;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.RequiresCommand;
import org.pmnfs.server.testing.ServerProcess;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.NfsStatus;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/**
 * Two real pmnfs processes ({@code serve --backend kv --kv-engine etcd}, each on its own port) on
 * one namespace of a real 3-member etcd cluster the test starts, driven over the wire: a change
 * made through server A is seen through server B on the next call and a handle from A works on B;
 * several client threads hammer create, rename and remove on one directory through both; then both
 * servers list the same directory and {@link KvStoreChecker} finds the namespace consistent; one
 * name created GUARDED through both at once gives one OK and one EXIST. FSSTAT on both reports the
 * quota the cluster's members were started with.
 */
@RequiresCommand(value = "etcd", debianPackage = "etcd-server")
class TwoServersOnEtcdTest {

    private static final int THREADS_PER_SERVER = 2;
    private static final int OPS_PER_THREAD = 80;
    private static final int NAMES = 12;
    private static final int RACES = 20;

    @TempDir
    static Path tmp;

    static EtcdCluster cluster;
    static String namespace;
    static ServerProcess a;
    static ServerProcess b;

    @BeforeAll
    static void start() throws Exception {
        cluster = EtcdCluster.start(3);
        namespace = "two-servers-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);
        List<String> args = List.of("--backend", "kv", "--kv-engine", "etcd", "--etcd-endpoints", cluster.endpointList(),
                "--kv-namespace", namespace);
        a = ServerProcess.start(tmp.resolve("a.log"), args); // formats the namespace
        b = ServerProcess.start(tmp.resolve("b.log"), args); // opens A's store
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (ServerProcess s : new ServerProcess[] {a, b}) {
                if (s != null) {
                    s.close();
                }
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void aChangeThroughOneServerIsSeenThroughTheOtherAndHandlesWorkOnBoth() throws IOException {
        try (NfsTestClient ca = new NfsTestClient(a.address()); NfsTestClient cb = new NfsTestClient(b.address())) {
            byte[] rootA = ca.mount("/");
            byte[] rootB = cb.mount("/");
            assertArrayEquals(rootA, rootB, "both servers hand out the same root handle");
            byte[] dir = ca.makeDir(rootA, "visible");

            // Created and written through A: B finds the name, and A's handle works on B.
            byte[] f = ca.createFile(dir, "f");
            byte[] one = bytes(70_000, 1);
            assertEquals(NfsStatus.OK, ca.write(f, 0, one, StableHow.FILE_SYNC).status);
            LOOKUP3res found = cb.lookup(dir, "f");
            assertEquals(NfsStatus.OK, found.status);
            assertArrayEquals(f, found.object, "B names the file with A's handle");
            assertEquals(one.length, cb.getattr(f).obj_attributes.size());
            assertArrayEquals(one, read(cb, f, one.length), "B reads what A wrote");

            // A has the file's chunks cached now; B overwrites them: A's next READ sees B's bytes.
            byte[] two = bytes(70_000, 2);
            assertEquals(NfsStatus.OK, cb.write(f, 0, two, StableHow.FILE_SYNC).status);
            assertArrayEquals(two, read(ca, f, two.length), "A sees B's FILE_SYNC write on the next call");
            byte[] three = bytes(70_000, 3);
            assertEquals(NfsStatus.OK, cb.write(f, 0, three, StableHow.UNSTABLE).status);
            assertEquals(NfsStatus.OK, cb.commit(f, 0, 0).status);
            assertArrayEquals(three, read(ca, f, three.length), "A sees B's committed UNSTABLE write on the next call");

            // Attributes, names and removal, each through one server and seen through the other.
            assertEquals(NfsStatus.OK, ca.setattr(f, SetAttributes.ofSize(10), null).status);
            assertEquals(10, cb.getattr(f).obj_attributes.size());
            assertEquals(NfsStatus.OK, ca.rename(dir, "f", dir, "g").status);
            assertEquals(NfsStatus.NOENT, cb.lookup(dir, "f").status);
            assertArrayEquals(f, cb.lookup(dir, "g").object);
            assertEquals(NfsStatus.OK, cb.rename(dir, "g", dir, "h").status);
            assertEquals(NfsStatus.NOENT, ca.lookup(dir, "g").status, "A does not find the name B renamed away");
            assertArrayEquals(f, ca.lookup(dir, "h").object, "A finds the file under B's new name");
            assertEquals(10, ca.getattr(f).obj_attributes.size());
            assertEquals(NfsStatus.OK, cb.remove(dir, "h").status);
            assertEquals(NfsStatus.STALE, ca.getattr(f).status, "A's handle of a file B removed is stale");
            assertEquals(NfsStatus.NOENT, ca.lookup(dir, "h").status);
            assertEquals(NfsStatus.NOENT, ca.remove(dir, "h").status, "A cannot remove what B already removed");
        }
    }

    @Test
    void fsstatReportsTheClustersQuotaThroughBothServers() throws IOException {
        for (ServerProcess s : new ServerProcess[] {a, b}) {
            try (NfsTestClient c = new NfsTestClient(s.address())) {
                FSSTAT3res r = c.fsstat(c.mount("/"));
                assertEquals(NfsStatus.OK, r.status);
                assertEquals(EtcdCluster.QUOTA_BYTES, r.stat.totalBytes(), "the members' --quota-backend-bytes");
                assertNotEquals(EtcdSettings.DEFAULT_QUOTA_BYTES, r.stat.totalBytes());
                assertTrue(r.stat.freeBytes() > 0 && r.stat.freeBytes() < r.stat.totalBytes(), r.stat.toString());
            }
        }
    }

    @Test
    void createRenameRemoveThroughBothServersLeavesAConsistentNamespace() throws Exception {
        byte[] dir;
        try (NfsTestClient c = new NfsTestClient(a.address())) {
            dir = c.makeDir(c.mount("/"), "storm");
        }
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2 * THREADS_PER_SERVER; t++) {
            ServerProcess server = t % 2 == 0 ? a : b;
            long seed = t;
            threads.add(Thread.ofPlatform().start(() -> hammer(server, dir, seed, outcomes, unexpected)));
        }
        for (Thread t : threads) {
            t.join(Duration.ofMinutes(5).toMillis());
            assertTrue(!t.isAlive(), "a client thread did not finish within 5 minutes");
        }
        assertEquals(List.of(), List.copyOf(unexpected), "replies other than OK, EXIST, NOENT or JUKEBOX: " + sorted(outcomes));
        for (String op : List.of("create OK", "rename OK", "remove OK")) {
            assertTrue(outcomes.containsKey(op), "no " + op + " among " + sorted(outcomes));
        }

        // Both servers list the same names, each resolving to the same handle on both.
        try (NfsTestClient ca = new NfsTestClient(a.address()); NfsTestClient cb = new NfsTestClient(b.address())) {
            TreeSet<String> listedA = list(ca, dir);
            assertEquals(listedA, list(cb, dir), "A and B list the directory alike");
            for (String n : listedA) {
                assertArrayEquals(ca.lookup(dir, n).object, cb.lookup(dir, n).object, n);
            }
        }
        KvStoreChecker.Report report = KvStoreChecker.check(KvConfig.defaults(
                new EtcdSettings(cluster.endpoints(), namespace, Duration.ofSeconds(5), 0)));
        assertTrue(report.consistent(), report.problems().toString());
    }

    @Test
    void oneNameCreatedThroughBothServersAtOnceGivesOneFileAndOneExist() throws Exception {
        try (NfsTestClient ca = new NfsTestClient(a.address()); NfsTestClient cb = new NfsTestClient(b.address());
             ExecutorService pool = Executors.newFixedThreadPool(2)) {
            byte[] dir = ca.makeDir(ca.mount("/"), "race");
            CyclicBarrier start = new CyclicBarrier(2);
            for (int i = 0; i < RACES; i++) {
                String name = "r" + i;
                Future<CREATE3res> viaA = pool.submit(() -> createAfter(start, ca, dir, name));
                Future<CREATE3res> viaB = pool.submit(() -> createAfter(start, cb, dir, name));
                CREATE3res ra = viaA.get(60, TimeUnit.SECONDS);
                CREATE3res rb = viaB.get(60, TimeUnit.SECONDS);
                List<NfsStatus> statuses = new ArrayList<>(List.of(ra.status, rb.status));
                statuses.sort(null);
                List<NfsStatus> expected = new ArrayList<>(List.of(NfsStatus.OK, NfsStatus.EXIST));
                expected.sort(null);
                assertEquals(expected, statuses, name + ": A got " + ra.status + ", B got " + rb.status);
                byte[] winner = (ra.status == NfsStatus.OK ? ra : rb).obj;
                assertArrayEquals(winner, ca.lookup(dir, name).object, name + ": A finds the winner's file");
                assertArrayEquals(winner, cb.lookup(dir, name).object, name + ": B finds the winner's file");
            }
            assertEquals(RACES, list(cb, dir).size(), "one file per name");
        }
    }

    private static CREATE3res createAfter(CyclicBarrier start, NfsTestClient c, byte[] dir, String name) throws Exception {
        start.await(30, TimeUnit.SECONDS);
        return c.create(dir, name, CreateMode.GUARDED, SetAttributes.ofMode(0644), 0);
    }

    /** One client thread's create, rename and remove calls on a few names of {@code dir}. */
    private static void hammer(ServerProcess server, byte[] dir, long seed, Map<String, AtomicInteger> outcomes,
                               ConcurrentLinkedQueue<String> unexpected) {
        SplittableRandom random = new SplittableRandom(seed);
        try (NfsTestClient c = new NfsTestClient(server.address())) {
            for (int i = 0; i < OPS_PER_THREAD; i++) {
                String x = "n" + random.nextInt(NAMES);
                String y = "n" + random.nextInt(NAMES);
                String op;
                NfsStatus status;
                switch (random.nextInt(3)) {
                    case 0 -> {
                        op = "create";
                        CREATE3res r = c.create(dir, x, CreateMode.GUARDED, SetAttributes.ofMode(0644), 0);
                        status = r.status;
                    }
                    case 1 -> {
                        op = "rename";
                        status = c.rename(dir, x, dir, y).status;
                    }
                    default -> {
                        op = "remove";
                        status = c.remove(dir, x).status;
                    }
                }
                outcomes.computeIfAbsent(op + " " + status, k -> new AtomicInteger()).incrementAndGet();
                if (status != NfsStatus.OK && status != NfsStatus.EXIST && status != NfsStatus.NOENT
                        && status != NfsStatus.JUKEBOX) {
                    unexpected.add(op + " " + x + " " + y + " through " + server.address() + ": " + status);
                }
            }
        } catch (IOException e) {
            unexpected.add("client through " + server.address() + " failed: " + e);
        }
    }

    private static TreeSet<String> list(NfsTestClient c, byte[] dir) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        long cookie = 0;
        long verifier = 0;
        for (int page = 0; page < 100; page++) {
            READDIR3res r = c.readdir(dir, cookie, verifier, 4096);
            assertEquals(NfsStatus.OK, r.status);
            for (entry3 e : r.entries) {
                String n = new String(e.name(), StandardCharsets.UTF_8);
                if (!n.equals(".") && !n.equals("..")) {
                    names.add(n);
                }
                cookie = e.cookie();
            }
            verifier = r.cookieverf;
            if (r.eof) {
                return names;
            }
        }
        throw new AssertionError("READDIR did not reach eof in 100 pages");
    }

    private static byte[] read(NfsTestClient c, byte[] f, int count) throws IOException {
        READ3res r = c.read(f, 0, count);
        assertEquals(NfsStatus.OK, r.status);
        return java.util.Arrays.copyOf(r.data, r.count);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static Map<String, Integer> sorted(Map<String, AtomicInteger> m) {
        Map<String, Integer> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
