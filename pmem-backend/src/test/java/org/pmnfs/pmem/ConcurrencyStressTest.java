package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/**
 * Threads racing on the same few names in three directories: creates, removes, writes, truncates,
 * links, lookups, listings, and renames of files and directories across directories in both
 * directions (the pattern that deadlocks with a careless lock order). Expected NFS errors
 * (NOENT, EXIST, ...) are fine; anything else, a hang, or an fsck problem afterwards fails.
 */
class ConcurrencyStressTest {

    @Test
    void racingNamespaceOperationsNeitherDeadlockNorCorrupt() throws Exception {
        Path dir = TestDirs.create();
        try {
            Path pool = dir.resolve("p");
            PmemFormatter.format(pool, 16L << 20, false);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger done = new AtomicInteger();
            try (PmemBackend b = PmemBackend.open(PmemConfig.of(pool).withChunkShift(16))) {
                FileHandle[] dirs = new FileHandle[3];
                for (int i = 0; i < 3; i++) {
                    dirs[i] = b.mkdir(b.root(), FileName.of("d" + i), SetAttributes.NONE).handle();
                }
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    long seed = t;
                    threads.add(Thread.ofPlatform().start(() -> {
                        Random r = new Random(seed);
                        for (int i = 0; i < 1500; i++) {
                            try {
                                step(b, dirs, r);
                                done.incrementAndGet();
                            } catch (NfsException expected) {
                                done.incrementAndGet();
                            } catch (Throwable e) {
                                failures.add(e);
                                return;
                            }
                        }
                    }));
                }
                for (Thread t : threads) {
                    t.join(120_000);
                    assertFalse(t.isAlive(), "a thread is stuck after 120 s: deadlock? " + done.get() + " ops done");
                }
            }
            if (!failures.isEmpty()) {
                throw new AssertionError("unexpected failure in a worker", failures.peek());
            }
            assertEquals(6000, done.get());
            FsckReport r = Fsck.check(pool, false, FsckProgress.NONE);
            assertTrue(r.clean(), r.summary());
        } finally {
            TestDirs.delete(dir);
        }
    }

    private static void step(PmemBackend b, FileHandle[] dirs, Random r) throws IOException {
        FileHandle d = dirs[r.nextInt(3)];
        FileHandle e = dirs[r.nextInt(3)];
        FileName n = FileName.of("n" + r.nextInt(6));
        FileName m = FileName.of("n" + r.nextInt(6));
        switch (r.nextInt(12)) {
            case 0 -> b.create(d, n, CreateMode.GUARDED, SetAttributes.NONE, 0);
            case 1 -> b.remove(d, n);
            case 2 -> b.rename(d, n, e, m);
            case 3 -> b.mkdir(d, n, SetAttributes.NONE);
            case 4 -> b.rmdir(d, n);
            case 5 -> b.write(b.lookup(d, n).handle(), r.nextInt(20_000), ByteBuffer.allocate(1 + r.nextInt(9000)),
                    StableHow.values()[r.nextInt(3)]);
            case 6 -> b.setattr(b.lookup(d, n).handle(), SetAttributes.ofSize(r.nextInt(12_000)), null);
            case 7 -> b.link(b.lookup(d, n).handle(), e, m);
            case 8 -> b.readdir(d, 0, 0, true, org.pmnfs.vfs.EntryBudget.unlimited());
            case 9 -> {
                // Move a directory between the top-level directories and back, racing its twin.
                FileHandle sub = b.lookup(d, n).handle();
                b.rename(d, n, e, m);
                b.getattr(sub);
            }
            case 10 -> {
                // Move one subdirectory into another and the other way round: two racing threads
                // could build a cycle unless the subtree check and the rename lock work together.
                FileHandle target = b.lookup(e, m).handle();
                b.rename(d, n, target, FileName.of("x" + r.nextInt(2)));
            }
            default -> b.lookup(d, FileName.DOT_DOT);
        }
    }
}
