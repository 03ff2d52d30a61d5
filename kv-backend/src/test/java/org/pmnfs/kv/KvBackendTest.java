package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmnfs.kv.KvTestFiles.create;
import static org.pmnfs.kv.KvTestFiles.name;
import static org.pmnfs.kv.KvTestFiles.pattern;
import static org.pmnfs.kv.KvTestFiles.read;
import static org.pmnfs.kv.KvTestFiles.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.CreateResult;
import org.pmnfs.vfs.DirEntry;
import org.pmnfs.vfs.DirListing;
import org.pmnfs.vfs.EntryBudget;
import org.pmnfs.vfs.ExistException;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.IsDirException;
import org.pmnfs.vfs.NoEntException;
import org.pmnfs.vfs.NotEmptyException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.StaleException;

class KvBackendTest {

    @TempDir
    Path dir;

    /** The store of this test (the etcd engine's subclass puts it in a namespace). */
    KvConfig config(int chunkSize) {
        return KvConfig.defaults(dir.resolve("store")).withChunkSize(chunkSize);
    }

    /** Runs the checker on this test's store. */
    KvStoreChecker.Report check() throws IOException {
        return KvStoreChecker.check(config(KvConfig.DEFAULT_CHUNK_SIZE));
    }

    @Test
    void committedDataAndNamesSurviveReopenWithTheSameHandles() throws IOException {
        byte[] data = pattern(200_000, 1);
        FileHandle f;
        long verifier;
        try (KvBackend fs = KvBackend.open(config(65536))) {
            FileHandle sub = fs.mkdir(fs.root(), name("sub"), SetAttributes.NONE).handle();
            f = create(fs, sub, "file");
            write(fs, f, 0, data, StableHow.UNSTABLE);
            fs.commit(f, 0, 0);
            verifier = fs.writeVerifier();
        }
        try (KvBackend fs = KvBackend.open(config(65536))) {
            assertNotEquals(verifier, fs.writeVerifier(), "a new open must change the write verifier");
            assertArrayEquals(data, read(fs, f, 0, data.length + 10));
            FileHandle sub = fs.lookup(fs.root(), name("sub")).handle();
            assertEquals(f, fs.lookup(sub, name("file")).handle());
            assertEquals(data.length, fs.getattr(f).size());
        }
        assertTrue(check().consistent());
    }

    @Test
    void sparseFilesStoreNoChunksForHolesAndReadZeros() throws IOException {
        int chunk = 4096;
        try (KvBackend fs = KvBackend.open(config(chunk))) {
            FileHandle f = create(fs, fs.root(), "sparse");
            write(fs, f, 10L * chunk + 5, new byte[] {1, 2, 3}, StableHow.FILE_SYNC);
            write(fs, f, 1_000L * chunk, new byte[] {9}, StableHow.FILE_SYNC);
            assertEquals(1_000L * chunk + 1, fs.getattr(f).size());
            byte[] hole = read(fs, f, 0, 3 * chunk);
            assertArrayEquals(new byte[3 * chunk], hole);
            assertArrayEquals(new byte[] {0, 1, 2, 3, 0}, read(fs, f, 10L * chunk + 4, 5));
        }
        KvStoreChecker.Report r = check();
        assertTrue(r.consistent(), r.problems().toString());
        assertEquals(2, r.chunks(), "only the two written chunks are stored");
    }

    @Test
    void truncateDeletesChunksPastTheEndAndZeroesTheTail() throws IOException {
        int chunk = 4096;
        try (KvBackend fs = KvBackend.open(config(chunk))) {
            FileHandle f = create(fs, fs.root(), "t");
            byte[] data = pattern(10 * chunk, 2);
            write(fs, f, 0, data, StableHow.UNSTABLE);
            fs.setattr(f, SetAttributes.ofSize(2L * chunk + 100), null);
            fs.setattr(f, SetAttributes.ofSize(4L * chunk), null);
            byte[] back = read(fs, f, 0, 4 * chunk);
            byte[] expected = new byte[4 * chunk];
            System.arraycopy(data, 0, expected, 0, 2 * chunk + 100);
            assertArrayEquals(expected, back);
        }
        KvStoreChecker.Report r = check();
        assertTrue(r.consistent(), r.problems().toString());
        assertEquals(3, r.chunks(), "chunks 0, 1 and the trimmed chunk 2 remain");
    }

    @Test
    void removingAFileFreesItsChunksAndMakesItsHandleStale() throws IOException {
        FileHandle f;
        try (KvBackend fs = KvBackend.open(config(4096))) {
            f = create(fs, fs.root(), "gone");
            write(fs, f, 0, pattern(50_000, 3), StableHow.FILE_SYNC);
            write(fs, f, 50_000, pattern(1000, 4), StableHow.UNSTABLE);
            FileHandle big = create(fs, fs.root(), "big");
            write(fs, big, 0, pattern(400 * 4096, 5), StableHow.FILE_SYNC);
            fs.remove(fs.root(), name("gone"));
            fs.remove(fs.root(), name("big"));
            assertThrows(StaleException.class, () -> fs.getattr(f));
            assertEquals(0, fs.dirtyBytes(), "the removed file's dirty chunks are released");
        }
        KvStoreChecker.Report r = check();
        assertTrue(r.consistent(), r.problems().toString());
        assertEquals(0, r.chunks());
        assertEquals(1, r.inodes());
    }

    @Test
    void readsSeeDirtyDataAndCommitMakesItClean() throws IOException {
        try (KvBackend fs = KvBackend.open(config(65536))) {
            FileHandle f = create(fs, fs.root(), "d");
            byte[] a = pattern(10_000, 6);
            write(fs, f, 100, a, StableHow.UNSTABLE);
            assertTrue(fs.dirtyBytes() > 0);
            assertArrayEquals(a, read(fs, f, 100, a.length));
            fs.commit(f, 0, 0);
            assertEquals(0, fs.dirtyBytes());
            assertArrayEquals(a, read(fs, f, 100, a.length));
        }
    }

    @Test
    void dirtyMemoryStaysUnderTheLimitByWritingBack() throws IOException {
        long limit = 8 * 65536;
        try (KvBackend fs = KvBackend.open(config(65536).withDirtyLimitBytes(limit))) {
            List<FileHandle> files = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                files.add(create(fs, fs.root(), "f" + i));
            }
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < files.size(); i++) {
                    write(fs, files.get(i), round * 65536L, pattern(65536, round * 10 + i), StableHow.UNSTABLE);
                    assertTrue(fs.dirtyBytes() <= limit, "dirty " + fs.dirtyBytes() + " over " + limit);
                }
            }
            for (int i = 0; i < files.size(); i++) {
                for (int round = 0; round < 5; round++) {
                    assertArrayEquals(pattern(65536, round * 10 + i), read(fs, files.get(i), round * 65536L, 65536));
                }
            }
        }
    }

    @Test
    void concurrentWritersShareATinyDirtyCacheWithoutLosingBytes() throws Exception {
        int chunk = 4096;
        try (KvBackend fs = KvBackend.open(config(chunk).withDirtyLimitBytes(2L * chunk))) {
            int threads = 4;
            int size = 64 * chunk;
            FileHandle[] files = new FileHandle[threads];
            for (int t = 0; t < threads; t++) {
                files[t] = create(fs, fs.root(), "w" + t);
            }
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicLong jukebox = new java.util.concurrent.atomic.AtomicLong();
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        byte[] data = pattern(size, 100 + id);
                        java.util.Random r = new java.util.Random(id);
                        for (int i = 0; i < 200; i++) {
                            int off = r.nextInt(size - 3000);
                            int len = 1 + r.nextInt(3000);
                            while (true) {
                                try {
                                    fs.write(files[id], off, java.nio.ByteBuffer.wrap(data, off, len), StableHow.UNSTABLE);
                                    break;
                                } catch (org.pmnfs.vfs.JukeboxException busy) {
                                    jukebox.incrementAndGet();
                                    Thread.onSpinWait(); // the client would retry later
                                }
                            }
                        }
                        fs.write(files[id], 0, java.nio.ByteBuffer.wrap(data), StableHow.UNSTABLE);
                        fs.commit(files[id], 0, 0);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread w : workers) {
                w.join(60_000);
            }
            assertTrue(failures.isEmpty(), failures.toString());
            assertEquals(0, fs.dirtyBytes());
            assertEquals(jukebox.get(), KvMetricsTest.value(fs, "kv_jukebox_replies_total"), "every JUKEBOX is counted");
            for (int t = 0; t < threads; t++) {
                assertArrayEquals(pattern(size, 100 + t), read(fs, files[t], 0, size));
            }
        }
        KvStoreChecker.Report r = check();
        assertTrue(r.consistent(), r.problems().toString());
    }

    @Test
    void listingCookiesStayValidWhileEntriesComeAndGo() throws IOException {
        try (KvBackend fs = KvBackend.open(config(65536).withSyncMetadata(false))) {
            for (int i = 0; i < 50; i++) {
                create(fs, fs.root(), "e" + i);
            }
            DirListing first = fs.readdir(fs.root(), 0, 0, false, EntryBudget.ofEntries(12));
            assertEquals(12, first.entries().size());
            assertTrue(!first.eof());
            DirEntry last = first.entries().get(11);
            fs.remove(fs.root(), name("e3"));
            fs.remove(fs.root(), last.name());
            create(fs, fs.root(), "late");
            List<String> rest = new ArrayList<>();
            long cookie = last.cookie();
            while (true) {
                DirListing page = fs.readdir(fs.root(), cookie, first.cookieVerifier(), true, EntryBudget.ofEntries(7));
                for (DirEntry e : page.entries()) {
                    rest.add(e.name().toString());
                    assertEquals(e.fileId(), fs.getattr(e.handle()).fileId());
                    cookie = e.cookie();
                }
                if (page.eof()) {
                    break;
                }
            }
            assertEquals(50 - 10 + 1, rest.size(), rest.toString());
            assertEquals("e10", rest.get(0));
            assertEquals("late", rest.get(rest.size() - 1));
        }
    }

    @Test
    void renameReplacesAndMovesDirectories() throws IOException {
        try (KvBackend fs = KvBackend.open(config(65536))) {
            FileHandle a = fs.mkdir(fs.root(), name("a"), SetAttributes.NONE).handle();
            FileHandle b = fs.mkdir(fs.root(), name("b"), SetAttributes.NONE).handle();
            FileHandle x = fs.mkdir(a, name("x"), SetAttributes.NONE).handle();
            FileHandle f = create(fs, b, "f");
            FileHandle g = create(fs, b, "g");
            write(fs, g, 0, pattern(100_000, 7), StableHow.FILE_SYNC);
            fs.rename(b, name("f"), b, name("g"));
            assertThrows(StaleException.class, () -> fs.getattr(g));
            assertEquals(f, fs.lookup(b, name("g")).handle());
            fs.rename(a, name("x"), b, name("x"));
            assertEquals(b, fs.lookup(x, name("..")).handle());
            assertEquals(2, fs.getattr(a).nlink());
            assertEquals(3, fs.getattr(b).nlink());
            assertThrows(org.pmnfs.vfs.InvalException.class, () -> fs.rename(fs.root(), name("b"), x, name("loop")));
            fs.mkdir(x, name("inner"), SetAttributes.NONE);
            FileHandle empty = fs.mkdir(fs.root(), name("empty"), SetAttributes.NONE).handle();
            assertThrows(NotEmptyException.class, () -> fs.rename(fs.root(), name("empty"), b, name("x")));
            assertThrows(IsDirException.class, () -> fs.rename(b, name("g"), fs.root(), name("empty")));
            assertThrows(org.pmnfs.vfs.NotDirException.class, () -> fs.rename(fs.root(), name("empty"), b, name("g")));
            fs.rename(fs.root(), name("a"), fs.root(), name("empty"));
            assertThrows(StaleException.class, () -> fs.getattr(empty));
        }
        KvStoreChecker.Report r = check();
        assertTrue(r.consistent(), r.problems().toString());
    }

    @Test
    void hardLinksKeepTheObjectUntilTheLastNameGoes() throws IOException {
        try (KvBackend fs = KvBackend.open(config(65536))) {
            FileHandle f = create(fs, fs.root(), "one");
            write(fs, f, 0, pattern(5000, 8), StableHow.UNSTABLE);
            assertEquals(2, fs.link(f, fs.root(), name("two")).file().nlink());
            fs.remove(fs.root(), name("one"));
            assertArrayEquals(pattern(5000, 8), read(fs, f, 0, 5000));
            assertEquals(1, fs.getattr(f).nlink());
        }
        KvStoreChecker.Report r = check();
        assertTrue(r.consistent(), r.problems().toString());
        assertEquals(1, r.chunks());
    }

    /**
     * CREATE and REMOVE lock the directory, then the entry's inode when its number is above the
     * directory's; a link to an older file (a lower number) takes the other path: both locked in
     * order and looked up again.
     */
    @Test
    void createAndRemoveOfALinkToAFileOlderThanItsDirectory() throws IOException {
        try (KvBackend fs = KvBackend.open(config(65536))) {
            FileHandle old = create(fs, fs.root(), "old");
            FileHandle sub = fs.mkdir(fs.root(), name("sub"), SetAttributes.NONE).handle();
            fs.link(old, sub, name("link"));
            FileHandle younger = create(fs, sub, "younger");
            CreateResult again = fs.create(sub, name("link"), CreateMode.UNCHECKED, SetAttributes.NONE, 0);
            assertEquals(old, again.handle(), "UNCHECKED CREATE of an existing name answers that file");
            assertThrows(ExistException.class, () -> fs.create(sub, name("link"), CreateMode.GUARDED, SetAttributes.NONE, 0));
            assertThrows(ExistException.class, () -> fs.create(sub, name("younger"), CreateMode.GUARDED, SetAttributes.NONE, 0));
            fs.remove(sub, name("link"));
            fs.remove(sub, name("younger"));
            assertThrows(NoEntException.class, () -> fs.remove(sub, name("link")));
            assertEquals(1, fs.getattr(old).nlink());
            assertThrows(StaleException.class, () -> fs.getattr(younger));
            assertEquals(2, fs.getattr(sub).nlink());
        }
        KvStoreChecker.Report r = check();
        assertTrue(r.consistent(), r.problems().toString());
    }

    @Test
    void aDirectoryOfOneHundredThousandEntriesHasPointLookupsAndAFullListing() throws IOException {
        int n = 100_000;
        try (KvBackend fs = KvBackend.open(config(65536).withSyncMetadata(false))) {
            FileHandle d = fs.mkdir(fs.root(), name("big"), SetAttributes.NONE).handle();
            for (int i = 0; i < n; i++) {
                create(fs, d, "entry-" + i);
            }
            for (int i = 0; i < n; i += 9_973) {
                org.pmnfs.vfs.LookupResult found = fs.lookup(d, name("entry-" + i));
                assertEquals(found.attributes().fileId(), fs.getattr(found.handle()).fileId());
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            int seen = 0;
            long cookie = 0;
            long verifier = 0;
            while (true) {
                DirListing page = fs.readdir(d, cookie, verifier, false, EntryBudget.ofEntries(1000));
                seen += page.entries().size();
                page.entries().forEach(e -> names.add(e.name().toString()));
                cookie = page.entries().get(page.entries().size() - 1).cookie();
                verifier = page.cookieVerifier();
                if (page.eof()) {
                    break;
                }
            }
            assertEquals(n + 2, seen);
            assertEquals(n + 2, names.size(), "every entry listed exactly once");
        }
    }
}
