package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Contract, part 8: calls from many threads. Writers on different files and on disjoint ranges
 * of one file lose no byte; concurrent creates and removes in one directory leave exactly the
 * expected names and link counts; renames racing with lookups and removals neither deadlock nor
 * corrupt the tree.
 */
abstract class ConcurrencyContract extends HandlesLimitsContract {

    /** Threads per concurrent test: more than the cores CI has, so calls really interleave. */
    protected static final int THREADS = 4;

    /** How long a concurrent test may run before it is declared hung (a deadlock, not slowness). */
    private static final long HANG_MINUTES = 5;

    @FunctionalInterface
    protected interface Worker {
        void run(int thread) throws Exception;
    }

    /** Runs {@code worker} on {@link #THREADS} threads released together; rethrows the first failure. */
    protected static void runConcurrently(Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    worker.run(thread);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get(HANG_MINUTES, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                } catch (TimeoutException e) {
                    fail("a worker did not finish within " + HANG_MINUTES + " minutes: deadlock suspected");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentWritersOnDifferentFilesLoseNoByte() throws Exception {
        int size = 3 * 1024 * 1024 + 321;
        FileHandle[] files = new FileHandle[THREADS];
        for (int t = 0; t < THREADS; t++) {
            files[t] = file(root, "file" + t);
        }
        runConcurrently(t -> {
            byte[] data = pattern(100 + t, size);
            Random random = new Random(t);
            int offset = 0;
            while (offset < size) {
                int n = Math.min(size - offset, 1 + random.nextInt(128 * 1024));
                fs.write(files[t], offset, ByteBuffer.wrap(data, offset, n), StableHow.UNSTABLE);
                fs.getattr(files[(t + 1) % THREADS]);
                offset += n;
            }
            fs.commit(files[t], 0, 0);
        });
        for (int t = 0; t < THREADS; t++) {
            assertBytes(pattern(100 + t, size), readAll(files[t]), "file written by thread " + t);
        }
    }

    @Test
    void concurrentWritersOnDisjointRangesOfOneFileLoseNoByte() throws Exception {
        FileHandle f = file(root, "shared");
        int chunk = 10_007;
        int chunks = 400;
        byte[] expected = pattern(200, chunk * chunks);
        runConcurrently(t -> {
            List<Integer> mine = new ArrayList<>();
            for (int i = t; i < chunks; i += THREADS) {
                mine.add(i);
            }
            Collections.shuffle(mine, new Random(t));
            for (int i : mine) {
                ByteBuffer src = ByteBuffer.allocateDirect(chunk).put(expected, i * chunk, chunk).flip();
                WriteResult r = fs.write(f, (long) i * chunk, src, StableHow.UNSTABLE);
                assertEquals(chunk, r.count());
            }
        });
        assertEquals(expected.length, attrs(f).size());
        assertBytes(expected, readAll(f), "file written by " + THREADS + " threads in interleaved chunks");
    }

    @Test
    void concurrentReadersSeeWholeWritesOfAFileBeingRewritten() throws Exception {
        FileHandle f = file(root, "f");
        int size = 256 * 1024;
        write(f, 0, new byte[size]);
        runConcurrently(t -> {
            for (int round = 0; round < 40; round++) {
                if (t == 0) {
                    byte[] fill = new byte[size];
                    Arrays.fill(fill, (byte) (round + 1));
                    fs.write(f, 0, ByteBuffer.wrap(fill), StableHow.UNSTABLE);
                } else {
                    byte[] got = read(f, 0, size);
                    assertEquals(size, got.length);
                    for (int i = 1; i < size; i++) {
                        if (got[i] != got[0]) {
                            fail("a read saw a torn write: byte 0 is " + got[0] + ", byte " + i + " is " + got[i]);
                        }
                    }
                }
            }
        });
    }

    @Test
    void concurrentCreatesAndRemovesInOneDirectory() throws Exception {
        FileHandle d = dir(root, "d");
        int perThread = 300;
        runConcurrently(t -> {
            for (int i = 0; i < perThread; i++) {
                if (i % 10 == 0) {
                    fs.mkdir(d, name("dir-" + t + "-" + i), DIR_ATTRS);
                } else {
                    fs.create(d, name("file-" + t + "-" + i), CreateMode.GUARDED, FILE_ATTRS, 0);
                }
                if (i % 3 == 0 && i % 10 != 0) {
                    fs.remove(d, name("file-" + t + "-" + i));
                }
                fs.lookup(d, FileName.DOT_DOT);
                fs.readdir(d, 0, 0, t % 2 == 0, EntryBudget.ofEntries(5));
            }
        });
        Set<String> expected = new HashSet<>();
        int dirs = 0;
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < perThread; i++) {
                if (i % 10 == 0) {
                    expected.add("dir-" + t + "-" + i);
                    dirs++;
                } else if (i % 3 != 0) {
                    expected.add("file-" + t + "-" + i);
                }
            }
        }
        assertEquals(expected, names(d));
        assertEquals(2 + dirs, attrs(d).nlink(), "directory link count after concurrent mkdirs");
    }

    @Test
    void concurrentRenamesLookupsAndRemovalsKeepTheTreeConsistent() throws Exception {
        FileHandle a = dir(root, "a");
        FileHandle b = dir(root, "b");
        FileHandle[] parents = {a, b};
        int movers = 8;
        for (int i = 0; i < movers; i++) {
            FileHandle m = dir(a, "m" + i);
            file(m, "payload");
        }
        runConcurrently(t -> {
            Random random = new Random(300 + t);
            for (int round = 0; round < 400; round++) {
                String n = "m" + random.nextInt(movers);
                FileHandle from = parents[random.nextInt(2)];
                FileHandle to = parents[random.nextInt(2)];
                try {
                    switch (random.nextInt(4)) {
                        case 0, 1 -> fs.rename(from, name(n), to, name(n));
                        case 2 -> {
                            FileHandle m = fs.lookup(from, name(n)).handle();
                            FileHandle other = fs.lookup(to, name("m" + random.nextInt(movers))).handle();
                            fs.rename(from, name(n), other, name(n)); // sometimes into its own subtree
                            fs.rename(other, name(n), from, name(n));
                            fs.lookup(m, FileName.DOT_DOT);
                        }
                        default -> {
                            fs.rmdir(from, name(n)); // never empty: must always fail
                            fail("rmdir of a non-empty directory succeeded");
                        }
                    }
                } catch (NoEntException | InvalException | NotEmptyException expected) {
                    // lost a race with another thread, or a refused move: the tree must stay intact
                }
            }
        });
        Set<String> found = new HashSet<>();
        collectMovers(a, found);
        collectMovers(b, found);
        assertEquals(movers, found.size(), "every moved directory must be reachable exactly once: " + found);
        long subdirs = names(a).stream().filter(n -> n.startsWith("m")).count();
        assertEquals(2 + subdirs, attrs(a).nlink(), "link count of a after the storm");
        assertEquals(4, attrs(root).nlink());
    }

    private void collectMovers(FileHandle dir, Set<String> found) throws Exception {
        for (String n : names(dir)) {
            if (n.startsWith("m")) {
                FileHandle m = lookup(dir, n);
                assertEquals(dir, fs.lookup(m, FileName.DOT_DOT).handle(), "'..' of " + n);
                assertTrue(found.add(n), n + " reachable twice");
                assertTrue(names(m).contains("payload"), n + " lost its payload");
                collectMovers(m, found);
            }
        }
    }
}
