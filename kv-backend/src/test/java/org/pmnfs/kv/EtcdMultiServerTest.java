package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.ExistException;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.NoEntException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.StaleException;
import org.pmnfs.vfs.WriteResult;

/**
 * Two kv backends ("servers" A and B, each with its own caches) on one etcd namespace of a real
 * 3-member cluster: what one changes the other sees on its next call, one name created by both at
 * once gives one file and one EXIST, a create/rename/remove storm through both leaves a namespace
 * {@link KvStoreChecker} finds consistent, and UNSTABLE data overtaken by the other server's write
 * is dropped with a new write verifier (so the client resends it).
 */
class EtcdMultiServerTest {

    private KvConfig config;
    private KvBackend a;
    private KvBackend b;

    @BeforeEach
    void open() throws IOException {
        config = KvConfig.defaults(EtcdCluster.shared().settings("multi"));
        a = KvBackend.open(config);
        b = KvBackend.open(config.withCreateIfMissing(false));
    }

    @AfterEach
    void close() throws IOException {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aChangeThroughOneServerIsSeenByTheOtherOnItsNextCall() throws IOException {
        assertEquals(a.root(), b.root());
        FileHandle f = a.create(a.root(), FileName.of("f"), CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).handle();
        write(a, f, 0, bytes(100_000, 1), StableHow.FILE_SYNC);
        // The same handle works on B; B reads (and caches) A's bytes.
        assertEquals(f, b.lookup(b.root(), FileName.of("f")).handle());
        assertArrayEquals(bytes(100_000, 1), read(b, f, 100_000));
        // A overwrites and truncates: B's cached chunks must not be served.
        write(a, f, 0, bytes(70_000, 2), StableHow.FILE_SYNC);
        a.setattr(f, SetAttributes.ofSize(70_000), null);
        assertEquals(70_000, b.getattr(f).size());
        assertArrayEquals(bytes(70_000, 2), read(b, f, 100_000));
        // Rename through B is seen by A, and a mode change through A by B.
        b.rename(b.root(), FileName.of("f"), b.root(), FileName.of("g"));
        assertThrows(NoEntException.class, () -> a.lookup(a.root(), FileName.of("f")));
        assertEquals(f, a.lookup(a.root(), FileName.of("g")).handle());
        a.setattr(f, SetAttributes.ofMode(0600), null);
        assertEquals(0600, b.getattr(f).mode());
        // Removed through B: A's handle is stale at once.
        b.remove(b.root(), FileName.of("g"));
        assertThrows(StaleException.class, () -> a.getattr(f));
        assertEquals(2, a.getattr(a.root()).nlink());
    }

    @Test
    void oneNameCreatedThroughBothAtOnceGivesOneFileAndOneExist() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                FileName name = FileName.of("same-" + i);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<FileHandle>> results = new ArrayList<>();
                for (KvBackend server : List.of(a, b)) {
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            return server.create(server.root(), name, CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).handle();
                        } catch (ExistException e) {
                            return null;
                        }
                    }));
                }
                FileHandle h0 = results.get(0).get(30, TimeUnit.SECONDS);
                FileHandle h1 = results.get(1).get(30, TimeUnit.SECONDS);
                assertTrue((h0 == null) != (h1 == null), "exactly one create of " + name + " succeeds, the other is EXIST");
                FileHandle made = h0 != null ? h0 : h1;
                assertEquals(made, a.lookup(a.root(), name).handle());
                assertEquals(made, b.lookup(b.root(), name).handle());
            }
        } finally {
            pool.shutdownNow();
        }
        KvStoreChecker.Report r = KvStoreChecker.check(config);
        assertTrue(r.consistent(), () -> String.join("\n", r.problems()));
        assertEquals(21, r.inodes());
    }

    @Test
    void createRenameRemoveStormThroughTwoServersLeavesAConsistentNamespace() throws Exception {
        FileHandle dir = a.mkdir(a.root(), FileName.of("d"), SetAttributes.ofMode(0755)).handle();
        int threadsPerServer = 2;
        int opsPerThread = 150;
        AtomicInteger done = new AtomicInteger();
        Set<String> unexpected = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerServer);
        List<Future<?>> work = new ArrayList<>();
        for (KvBackend server : List.of(a, b)) {
            for (int t = 0; t < threadsPerServer; t++) {
                long seed = work.size();
                work.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < opsPerThread; i++) {
                        FileName x = FileName.of("n" + random.nextInt(12));
                        FileName y = FileName.of("n" + random.nextInt(12));
                        try {
                            switch (random.nextInt(4)) {
                                case 0 -> server.create(dir, x, CreateMode.GUARDED, SetAttributes.ofMode(0644), 0);
                                case 1 -> server.mkdir(dir, x, SetAttributes.ofMode(0755));
                                case 2 -> server.rename(dir, x, dir, y);
                                default -> {
                                    try {
                                        server.remove(dir, x);
                                    } catch (org.pmnfs.vfs.IsDirException e) {
                                        server.rmdir(dir, x);
                                    }
                                }
                            }
                            done.incrementAndGet();
                        } catch (ExistException | NoEntException | org.pmnfs.vfs.NotDirException
                                 | org.pmnfs.vfs.IsDirException | org.pmnfs.vfs.NotEmptyException expected) {
                            done.incrementAndGet(); // outcomes of racing with the other threads
                        } catch (IOException | RuntimeException e) {
                            unexpected.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : work) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(unexpected.isEmpty(), () -> "unexpected errors: " + unexpected);
        assertEquals(2 * threadsPerServer * opsPerThread, done.get());
        // Both servers list the same names, and the store itself is consistent.
        assertEquals(names(a, dir), names(b, dir));
        KvStoreChecker.Report r = KvStoreChecker.check(config);
        assertTrue(r.consistent(), () -> String.join("\n", r.problems()));
    }

    @Test
    void unstableDataOvertakenByTheOtherServerIsDroppedWithANewVerifier() throws IOException {
        FileHandle f = a.create(a.root(), FileName.of("u"), CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).handle();
        WriteResult w = write(a, f, 0, bytes(8192, 3), StableHow.UNSTABLE);
        long verifierBefore = a.writeVerifier();
        assertEquals(StableHow.UNSTABLE, w.committed());
        write(b, f, 0, bytes(4096, 4), StableHow.FILE_SYNC);
        a.commit(f, 0, 0);
        assertNotEquals(verifierBefore, a.writeVerifier(), "the client must be told to resend its UNSTABLE data");
        // A now serves B's stored bytes, not a mix; the client resends its 8 KiB and commits.
        assertArrayEquals(bytes(4096, 4), read(a, f, 8192));
        write(a, f, 0, bytes(8192, 3), StableHow.UNSTABLE);
        a.commit(f, 0, 0);
        assertArrayEquals(bytes(8192, 3), read(b, f, 8192));
        assertNotEquals(a.writeVerifier(), b.writeVerifier());
    }

    @Test
    void inodeNumbersFromTwoServersNeverCollide() throws IOException {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            KvBackend s = i % 2 == 0 ? a : b;
            long ino = s.create(s.root(), FileName.of("i" + i), CreateMode.GUARDED, SetAttributes.ofMode(0644), 0)
                    .attributes().fileId();
            assertTrue(seen.add(ino), "inode " + ino + " handed out twice");
        }
    }

    private static Set<String> names(KvBackend s, FileHandle dir) throws IOException {
        Set<String> names = new HashSet<>();
        long cookie = 0;
        while (true) {
            var l = s.readdir(dir, cookie, 0, false, org.pmnfs.vfs.EntryBudget.ofEntries(100));
            for (var e : l.entries()) {
                names.add(e.name().toString());
                cookie = e.cookie();
            }
            if (l.eof()) {
                return names;
            }
        }
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static WriteResult write(KvBackend s, FileHandle f, long offset, byte[] data, StableHow how) throws IOException {
        return s.write(f, offset, new ByteBuffer[] {ByteBuffer.wrap(data)}, how);
    }

    static byte[] read(KvBackend s, FileHandle f, int count) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(count);
        int n = s.read(f, 0, count, dst).count();
        return java.util.Arrays.copyOf(dst.array(), n);
    }
}
