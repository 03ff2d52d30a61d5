package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmnfs.kv.KvTestFiles.name;
import static org.pmnfs.kv.KvTestFiles.read;
import static org.pmnfs.kv.UnloggedCrashWorkload.BIG;
import static org.pmnfs.kv.UnloggedCrashWorkload.MIB;
import static org.pmnfs.kv.UnloggedCrashWorkload.TAIL;
import static org.pmnfs.kv.UnloggedCrashWorkload.content;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.vfs.FileHandle;

/**
 * kill -9 around the unlogged write path (large write-backs and COMMITs skip RocksDB's WAL and
 * are made durable by a memtable flush): right after a COMMIT reply, between UNSTABLE writes and
 * their COMMIT, right after a rename of a file whose data was held in memory, and right after a
 * FILE_SYNC write to a file written back unlogged. Afterwards the store checks consistent, every
 * acknowledged byte is there, and nothing else is ever garbage: a byte of an uncommitted file is
 * either what was written or zero.
 */
class UnloggedCrashTest {

    @TempDir
    Path tmp;

    @Test
    void aCommitReplyMeansTheDataSurvivesSigkill() throws Exception {
        Path dir = killAt("committed 0");
        try (KvBackend fs = reopen(dir)) {
            assertFile(fs, "f0", content(0, BIG));
        }
    }

    @Test
    void sigkillBetweenUnstableWritesAndCommitLeavesOnlyWrittenBytesOrZeros() throws Exception {
        Path dir = killAt("unstable 1");
        try (KvBackend fs = reopen(dir)) {
            assertFile(fs, "f0", content(0, BIG));
            FileHandle f1 = fs.lookup(fs.root(), name("f1")).handle();
            long size = fs.getattr(f1).size();
            assertTrue(size <= BIG, "f1 is " + size + " bytes, more than was written");
            assertWrittenOrZero(content(1, BIG), read(fs, f1, 0, (int) size), "f1");
        }
    }

    @Test
    void aRenameThatRewritesTheRecordNeverOutlivesTheDataItsSizeCovers() throws Exception {
        Path dir = killAt("renamed 2");
        try (KvBackend fs = reopen(dir)) {
            // The rename's batch stored the record with the size: the data under it must be there.
            assertFile(fs, "g2", content(2, 6 * MIB));
        }
    }

    @Test
    void aFileSyncReplyMeansItsBytesSurviveSigkillAfterAnUnloggedWriteBack() throws Exception {
        Path dir = killAt("filesync 3");
        try (KvBackend fs = reopen(dir)) {
            FileHandle f3 = fs.lookup(fs.root(), name("f3")).handle();
            assertEquals(6L * MIB + TAIL, fs.getattr(f3).size());
            assertArrayEquals(content(33, TAIL), read(fs, f3, 6L * MIB, TAIL), "the FILE_SYNC bytes of f3");
            assertWrittenOrZero(content(3, 6 * MIB), read(fs, f3, 0, 6 * MIB), "f3");
        }
    }

    private KvBackend reopen(Path dir) throws Exception {
        KvStoreChecker.Report report = KvStoreChecker.check(dir);
        assertTrue(report.consistent(), report.problems().toString());
        return KvBackend.open(KvConfig.defaults(dir));
    }

    private static void assertFile(KvBackend fs, String n, byte[] expected) throws Exception {
        FileHandle f = fs.lookup(fs.root(), name(n)).handle();
        assertEquals(expected.length, fs.getattr(f).size(), "size of " + n);
        byte[] back = read(fs, f, 0, expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (back[i] != expected[i]) {
                throw new AssertionError(n + " differs first at byte " + i + " of " + expected.length + ": "
                        + back[i] + " instead of " + expected[i]);
            }
        }
    }

    private static void assertWrittenOrZero(byte[] written, byte[] back, String what) {
        for (int i = 0; i < back.length; i++) {
            if (back[i] != 0 && back[i] != written[i]) {
                throw new AssertionError(what + " byte " + i + " is " + back[i] + ", neither what was written ("
                        + written[i] + ") nor zero");
            }
        }
    }

    /** Runs the workload until it prints {@code line}, then SIGKILLs it there; returns the store. */
    private Path killAt(String line) throws Exception {
        Path dir = tmp.resolve("store");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                UnloggedCrashWorkload.class.getName(), dir.toString(), line)
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        boolean reached = false;
        // A workload that hangs is killed after three minutes, which ends the read below.
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            try {
                if (!p.waitFor(3, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = out.readLine()) != null; ) {
                output.add(l);
                if (l.equals(line)) {
                    reached = true;
                    break;
                }
            }
            p.destroyForcibly(); // SIGKILL on Linux: no close, no flush, no shutdown hook
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        watchdog.join();
        assertTrue(reached, "the workload never printed '" + line + "':\n" + String.join("\n", output));
        assertEquals(137, p.exitValue(), "the workload must die by SIGKILL");
        return dir;
    }
}
