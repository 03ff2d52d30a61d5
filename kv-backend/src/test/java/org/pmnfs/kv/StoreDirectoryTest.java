package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening refuses what is not a usable pmnfs store, and changes nothing in what it refuses. */
class StoreDirectoryTest {

    @TempDir
    Path tmp;

    /** Every file under {@code root} with its size and modification time. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                m.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                        : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    private Path newStore() throws IOException {
        Path dir = tmp.resolve("store");
        KvBackend.open(KvConfig.defaults(dir)).close();
        return dir;
    }

    @Test
    void aDirectoryWithForeignFilesIsNotAStoreAndStaysUntouched() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("photos"));
        Files.writeString(dir.resolve("a.jpg"), "not a store");
        Map<String, String> before = snapshot(dir);
        KvStoreOpenException e = assertThrows(KvStoreOpenException.NotAStore.class, () -> KvBackend.open(KvConfig.defaults(dir)));
        assertTrue(e.getMessage().contains("PMNFS-KV") && e.getMessage().contains("1 entries"), e.getMessage());
        assertEquals(before, snapshot(dir));
    }

    @Test
    void missingOrEmptyDirectoriesAreRefusedUnlessCreatingWasAsked() throws IOException {
        Path missing = tmp.resolve("missing");
        assertThrows(KvStoreOpenException.NotAStore.class,
                () -> KvBackend.open(KvConfig.defaults(missing).withCreateIfMissing(false)));
        assertTrue(Files.notExists(missing));
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThrows(KvStoreOpenException.NotAStore.class,
                () -> KvBackend.open(KvConfig.defaults(empty).withCreateIfMissing(false)));
        assertEquals(Map.of("", "dir"), snapshot(empty));
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        assertThrows(KvStoreOpenException.NotAStore.class, () -> KvBackend.open(KvConfig.defaults(file)));
    }

    @Test
    void aNewerFormatInTheMarkerIsRefusedBeforeTheEngineOpens() throws IOException {
        Path dir = newStore();
        Files.writeString(dir.resolve(StoreDirectory.MARKER), "pmnfs kv store\nformat-version=7\n");
        Map<String, String> before = snapshot(dir);
        KvStoreOpenException.UnsupportedFormat e = assertThrows(KvStoreOpenException.UnsupportedFormat.class,
                () -> KvBackend.open(KvConfig.defaults(dir)));
        assertEquals(7, e.found());
        assertTrue(e.getMessage().contains("newer") && e.getMessage().contains("7"), e.getMessage());
        assertEquals(before, snapshot(dir));
    }

    @Test
    void aNewerFormatRecordInTheStoreIsRefused() throws IOException {
        Path dir = newStore();
        try (RocksKvStore store = RocksKvStore.open(dir.resolve(StoreDirectory.ENGINE_DIR), RocksKvStore.Mode.EXISTING)) {
            FormatRecord f = FormatRecord.decode(store.get(KeyCodec.format()));
            store.put(KeyCodec.format(), new FormatRecord(FormatRecord.READ_MAX + 1, f.chunkSize(), f.fsid(), 0).encode(), true);
        }
        Map<String, String> before = snapshot(dir);
        assertThrows(KvStoreOpenException.UnsupportedFormat.class, () -> KvBackend.open(KvConfig.defaults(dir)));
        assertEquals(before, snapshot(dir));
    }

    @Test
    void aDamagedMarkerIsNotAStore() throws IOException {
        Path dir = newStore();
        Files.writeString(dir.resolve(StoreDirectory.MARKER), "something else\n");
        assertThrows(KvStoreOpenException.NotAStore.class, () -> KvBackend.open(KvConfig.defaults(dir)));
    }

    @Test
    void aStoreOpenInThisProcessIsLocked() throws IOException {
        Path dir = newStore();
        try (KvBackend first = KvBackend.open(KvConfig.defaults(dir))) {
            KvStoreOpenException e = assertThrows(KvStoreOpenException.Locked.class, () -> KvBackend.open(KvConfig.defaults(dir)));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertThrows(KvStoreOpenException.Locked.class, () -> KvStoreChecker.check(dir));
            first.getattr(first.root());
        }
        KvBackend.open(KvConfig.defaults(dir)).close();
    }

    @Test
    void aStoreOpenInAnotherProcessIsLockedAndOpensOnceThatProcessEnds() throws Exception {
        Path dir = newStore();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals(LockHolder.READY)) {
                // skip JVM warnings
            }
            assertEquals(LockHolder.READY, line, "the holder process did not open the store");
            Map<String, String> before = snapshot(dir);
            KvStoreOpenException e = assertThrows(KvStoreOpenException.Locked.class, () -> KvBackend.open(KvConfig.defaults(dir)));
            assertTrue(e.getMessage().contains("another running pmnfs"), e.getMessage());
            assertEquals(before, snapshot(dir));
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        KvBackend.open(KvConfig.defaults(dir)).close();
    }
}
