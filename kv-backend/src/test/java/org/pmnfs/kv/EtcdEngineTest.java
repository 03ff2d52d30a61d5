package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.NfsIoException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/**
 * The etcd engine on its own (versions, conditions, paged snapshot scans, range deletes, the
 * request limits), opening and refusing namespaces (marker, engine), and the kv backend's writes
 * that exceed one etcd transaction, on a real 3-member cluster.
 */
class EtcdEngineTest {

    static EtcdCluster cluster;

    @TempDir
    Path tmp;

    @BeforeAll
    static void cluster() throws IOException {
        cluster = EtcdCluster.shared();
    }

    private static byte[] k(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void versionsConditionsScansAndRangeDeletes() throws IOException {
        try (EtcdKvStore s = EtcdKvStore.connect(cluster.settings("engine"))) {
            KvStore.Versioned absent = s.getVersioned(k("Xa"));
            assertNull(absent.value());
            assertEquals(0, absent.version());
            KvBatch b = new KvBatch();
            b.put(k("Xa"), k("1"));
            b.expect(k("Xa"), 0);
            long v1 = s.write(b, false);
            assertTrue(v1 > absent.asOf());
            assertEquals(v1, s.getVersioned(k("Xa")).version());
            // A stale condition fails and writes nothing.
            KvBatch stale = new KvBatch();
            stale.put(k("Xa"), k("2"));
            stale.put(k("Xb"), k("2"));
            stale.expect(k("Xa"), 0);
            assertThrows(KvConflictException.class, () -> s.write(stale, true));
            assertArrayEquals(k("1"), s.get(k("Xa")));
            assertNull(s.get(k("Xb")));
            // 40 keys: the scan pages (16 per request) and stays in order, ending before toExclusive.
            KvBatch many = new KvBatch();
            for (int i = 0; i < 40; i++) {
                many.put(k(String.format("Y%03d", i)), k("v" + i));
            }
            s.write(many, true);
            List<String> seen = new ArrayList<>();
            s.scan(k("Y005"), k("Y037"), (key, value) -> seen.add(new String(key, StandardCharsets.US_ASCII)));
            assertEquals(32, seen.size());
            assertEquals("Y005", seen.getFirst());
            assertEquals("Y036", seen.getLast());
            KvBatch cut = new KvBatch();
            cut.deleteRange(k("Y010"), k("Y030"));
            s.write(cut, true);
            List<String> left = new ArrayList<>();
            s.scan(k("Y"), k("Z"), (key, value) -> left.add(new String(key, StandardCharsets.US_ASCII)));
            assertEquals(20, left.size());
            // Batches beyond one transaction are refused, never half applied.
            KvBatch big = new KvBatch();
            for (int i = 0; i <= EtcdKvStore.MAX_TXN_OPS; i++) {
                big.put(k("Z" + i), k("x"));
            }
            assertThrows(NfsIoException.class, () -> s.write(big, true));
            assertNull(s.get(k("Z0")));
        }
    }

    @Test
    void aStoreRecordsItsEngineAndIsRefusedByTheOther() throws IOException {
        EtcdSettings etcd = cluster.settings("engine-marker");
        try (KvBackend fs = KvBackend.open(KvConfig.defaults(etcd))) {
            fs.mkdir(fs.root(), FileName.of("d"), SetAttributes.ofMode(0755));
        }
        try (EtcdKvStore s = EtcdKvStore.connect(etcd)) {
            String marker = new String(s.getRaw(EtcdKvStore.markerKey(etcd.namespace())).value(), StandardCharsets.US_ASCII);
            assertTrue(marker.contains("engine=etcd"), marker);
        }
        // A directory whose marker names etcd is refused by the RocksDB engine, untouched.
        Path dir = tmp.resolve("store");
        try (KvBackend fs = KvBackend.open(KvConfig.defaults(dir))) {
            fs.root();
        }
        String text = Files.readString(dir.resolve(StoreDirectory.MARKER));
        assertTrue(text.contains("engine=rocksdb"), text);
        Files.writeString(dir.resolve(StoreDirectory.MARKER), text.replace("engine=rocksdb", "engine=etcd"));
        KvStoreOpenException.WrongEngine e = assertThrows(KvStoreOpenException.WrongEngine.class,
                () -> KvBackend.open(KvConfig.defaults(dir)));
        assertEquals("etcd", e.found());
        // And an etcd namespace whose marker names RocksDB is refused by the etcd engine.
        EtcdSettings other = cluster.settings("engine-foreign");
        try (EtcdKvStore s = EtcdKvStore.connect(other)) {
            s.writeIfAbsent(EtcdKvStore.markerKey(other.namespace()), new StoreMarker(1, StoreMarker.ROCKSDB).encode(),
                    new KvBatch());
        }
        assertThrows(KvStoreOpenException.WrongEngine.class, () -> KvBackend.open(KvConfig.defaults(other)));
        // A namespace with keys but no marker is not a store, and is left alone.
        EtcdSettings foreign = cluster.settings("engine-unmarked");
        try (EtcdKvStore s = EtcdKvStore.connect(foreign)) {
            s.put(k("Q"), k("someone else's"), true);
        }
        assertThrows(KvStoreOpenException.NotAStore.class, () -> KvBackend.open(KvConfig.defaults(foreign)));
        try (EtcdKvStore s = EtcdKvStore.connect(foreign)) {
            assertArrayEquals(k("someone else's"), s.get(k("Q")));
            assertNull(s.getRaw(EtcdKvStore.markerKey(foreign.namespace())).value());
        }
        // Chunks bigger than one etcd request are refused for a new store.
        assertThrows(IllegalArgumentException.class,
                () -> KvBackend.open(KvConfig.defaults(cluster.settings("engine-big")).withChunkSize(2 << 20)));
    }

    @Test
    void writesLargerThanOneTransactionAreStoredInOrderAndReadBackEverywhere() throws IOException {
        KvConfig config = KvConfig.defaults(cluster.settings("engine-split")).withChunkSize(1 << 20);
        try (KvBackend a = KvBackend.open(config); KvBackend b = KvBackend.open(config.withCreateIfMissing(false))) {
            FileHandle f = a.create(a.root(), FileName.of("big"), CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).handle();
            // 5 MiB of UNSTABLE data, then one COMMIT: five 1 MiB chunks, one transaction each.
            byte[] data = EtcdMultiServerTest.bytes(5 << 20, 11);
            for (int off = 0; off < data.length; off += 1 << 20) {
                EtcdMultiServerTest.write(a, f, off, java.util.Arrays.copyOfRange(data, off, off + (1 << 20)), StableHow.UNSTABLE);
            }
            a.commit(f, 0, 0);
            assertArrayEquals(data, EtcdMultiServerTest.read(b, f, 6 << 20));
            // A FILE_SYNC write of 1 MiB across two 1 MiB chunks: two chunk transactions.
            byte[] patch = EtcdMultiServerTest.bytes(1 << 20, 12);
            EtcdMultiServerTest.write(a, f, (1 << 20) + 4096, patch, StableHow.FILE_SYNC);
            System.arraycopy(patch, 0, data, (1 << 20) + 4096, patch.length);
            assertArrayEquals(data, EtcdMultiServerTest.read(b, f, 6 << 20));
            // A big truncate is one transaction (a range delete of the chunks past the end).
            b.setattr(f, SetAttributes.ofSize(100), null);
            assertArrayEquals(java.util.Arrays.copyOf(data, 100), EtcdMultiServerTest.read(a, f, 6 << 20));
        }
        KvStoreChecker.Report r = KvStoreChecker.check(config);
        assertTrue(r.consistent(), () -> String.join("\n", r.problems()));
        assertEquals(1, r.chunks());
    }
}
