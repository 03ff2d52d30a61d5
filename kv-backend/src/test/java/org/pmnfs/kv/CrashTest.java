package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmnfs.kv.KvTestFiles.create;
import static org.pmnfs.kv.KvTestFiles.name;
import static org.pmnfs.kv.KvTestFiles.pattern;
import static org.pmnfs.kv.KvTestFiles.read;
import static org.pmnfs.kv.KvTestFiles.write;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/**
 * Crashes: in process (the backend dropped without writing its dirty chunks) and a real SIGKILL
 * of a process writing through the backend. Afterwards everything COMMITted or written FILE_SYNC
 * is intact and {@link KvStoreChecker} finds the namespace consistent.
 */
class CrashTest {

    @TempDir
    Path tmp;

    @Test
    void droppingTheBackendLosesOnlyUncommittedData() throws Exception {
        Path dir = tmp.resolve("store");
        KvConfig config = KvConfig.defaults(dir).withChunkSize(4096);
        byte[] committed = pattern(50_000, 1);
        byte[] synced = pattern(9_000, 2);
        FileHandle a;
        FileHandle b;
        long verifier;
        KvBackend fs = KvBackend.open(config);
        a = create(fs, fs.root(), "a");
        write(fs, a, 0, committed, StableHow.UNSTABLE);
        fs.commit(a, 0, 0);
        b = create(fs, fs.root(), "b");
        write(fs, b, 0, synced, StableHow.FILE_SYNC);
        write(fs, a, 50_000, pattern(30_000, 3), StableHow.UNSTABLE);
        write(fs, b, 100_000, pattern(100, 4), StableHow.UNSTABLE);
        FileHandle c = create(fs, fs.root(), "c");
        write(fs, c, 0, pattern(1000, 5), StableHow.UNSTABLE);
        fs.mkdir(fs.root(), name("d"), SetAttributes.NONE);
        verifier = fs.writeVerifier();
        fs.crash();

        KvStoreChecker.Report report = KvStoreChecker.check(dir);
        assertTrue(report.consistent(), report.problems().toString());
        try (KvBackend again = KvBackend.open(config)) {
            assertNotEquals(verifier, again.writeVerifier(), "clients must learn that UNSTABLE data may be gone");
            assertEquals(committed.length, again.getattr(a).size(), "the uncommitted extension is lost with its size");
            assertArrayEquals(committed, read(again, a, 0, committed.length));
            assertEquals(synced.length, again.getattr(b).size());
            assertArrayEquals(synced, read(again, b, 0, synced.length));
            assertEquals(0, again.getattr(c).size(), "created (synced) but its UNSTABLE data never committed");
            assertTrue(again.lookup(again.root(), name("d")).attributes().isDirectory());
        }
    }

    @Test
    void sigkillDuringAWorkloadKeepsEveryDurableFileAndAConsistentTree() throws Exception {
        for (int chunk : new int[] {4096, 65536}) {
            Path dir = tmp.resolve("kill-" + chunk);
            int durable = runAndKill(dir, chunk, 2500);
            assertTrue(durable > 0, "the workload made nothing durable before the kill");
            KvStoreChecker.Report report = KvStoreChecker.check(dir);
            assertTrue(report.consistent(), report.problems().toString());
            try (KvBackend fs = KvBackend.open(KvConfig.defaults(dir))) {
                for (int i = 0; i < durable; i++) {
                    FileHandle f = fs.lookup(fs.root(), name("f" + i)).handle();
                    byte[] expected = CrashWorkload.content(i);
                    assertEquals(expected.length, fs.getattr(f).size(), "size of durable file f" + i);
                    assertArrayEquals(expected, read(fs, f, 0, expected.length), "contents of durable file f" + i);
                }
            }
        }
    }

    /** Runs {@link CrashWorkload}, kills it with SIGKILL after {@code millis}, returns how many files it reported durable. */
    private static int runAndKill(Path dir, int chunk, long millis) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CrashWorkload.class.getName(), dir.toString(), Integer.toString(chunk))
                .redirectErrorStream(true).start();
        AtomicInteger durable = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.equals(CrashWorkload.READY)) {
                        started.set(1);
                    } else if (line.startsWith("durable ")) {
                        durable.set(Integer.parseInt(line.substring(8)) + 1);
                    }
                }
            } catch (Exception e) {
                // the process died; its output ends here
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (started.get() == 0 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(millis);
        p.destroyForcibly(); // SIGKILL on Linux
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        reader.join(10_000);
        assertEquals(137, p.exitValue(), "the workload must die by SIGKILL, not end on its own");
        return durable.get();
    }
}
