package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmnfs.kv.KvTestFiles.create;
import static org.pmnfs.kv.KvTestFiles.name;
import static org.pmnfs.kv.KvTestFiles.pattern;
import static org.pmnfs.kv.KvTestFiles.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/** The checker passes a healthy store and names each kind of damage planted into one. */
class KvStoreCheckerTest {

    @TempDir
    Path tmp;
    private Path dir;
    private long fileIno;
    private long subIno;

    @BeforeEach
    void buildTree() throws IOException {
        dir = tmp.resolve("store");
        try (KvBackend fs = KvBackend.open(KvConfig.defaults(dir).withChunkSize(4096))) {
            FileHandle sub = fs.mkdir(fs.root(), name("sub"), SetAttributes.NONE).handle();
            FileHandle f = create(fs, sub, "f");
            write(fs, f, 0, pattern(10_000, 1), StableHow.FILE_SYNC);
            fs.link(f, fs.root(), name("f2"));
            fs.symlink(sub, name("l"), "f".getBytes(), SetAttributes.NONE);
            fileIno = fs.getattr(f).fileId();
            subIno = fs.getattr(sub).fileId();
        }
    }

    private List<String> plantAndCheck(KvBatch damage) throws IOException {
        try (RocksKvStore store = RocksKvStore.open(dir.resolve(StoreDirectory.ENGINE_DIR), RocksKvStore.Mode.EXISTING)) {
            store.write(damage, true);
        }
        return KvStoreChecker.check(dir).problems();
    }

    private static void assertMentions(List<String> problems, String text) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(text)), "expected a problem mentioning '" + text + "' in " + problems);
    }

    @Test
    void aHealthyStoreIsConsistent() throws IOException {
        KvStoreChecker.Report r = KvStoreChecker.check(dir);
        assertTrue(r.consistent(), r.problems().toString());
        assertEquals(4, r.inodes());
        assertEquals(4, r.entries());
        assertEquals(3, r.chunks());
    }

    @Test
    void findsOrphanedChunksAndChunksPastTheEnd() throws IOException {
        KvBatch b = new KvBatch();
        b.put(KeyCodec.chunk(9999, 0), new byte[10]);
        b.put(KeyCodec.chunk(fileIno, 7), new byte[10]);
        List<String> p = plantAndCheck(b);
        assertMentions(p, "chunk 0 of inode 9999 is orphaned");
        assertMentions(p, "chunk 7 of inode " + fileIno);
    }

    @Test
    void findsDanglingEntriesAndLeakedInodes() throws IOException {
        KvBatch b = new KvBatch();
        DirentRecord dangling = new DirentRecord(name("ghost"), 4242, FileType.REGULAR, 3);
        b.put(KeyCodec.dirent(subIno, dangling.name()), dangling.encodeByName());
        b.put(KeyCodec.inode(5555), InodeRecord.create(FileType.REGULAR, 0644, 0, 0, 1, 1, 9, 0, 0).encode());
        List<String> p = plantAndCheck(b);
        assertMentions(p, "'ghost' in " + subIno + " dangles");
        assertMentions(p, "inode 5555 (REGULAR) is leaked");
        assertMentions(p, "no matching cookie entry");
        assertMentions(p, "inode counter");
    }

    @Test
    void findsWrongLinkCounts() throws IOException {
        KvBatch b = new KvBatch();
        try (RocksKvStore store = RocksKvStore.open(dir.resolve(StoreDirectory.ENGINE_DIR), RocksKvStore.Mode.READ_ONLY)) {
            InodeRecord r = InodeRecord.decode(fileIno, store.get(KeyCodec.inode(fileIno)));
            b.put(KeyCodec.inode(fileIno), r.withNlink(1, r.ctime()).encode());
            InodeRecord s = InodeRecord.decode(subIno, store.get(KeyCodec.inode(subIno)));
            b.put(KeyCodec.inode(subIno), s.withNlink(5, s.ctime()).encode());
        }
        List<String> p = plantAndCheck(b);
        assertMentions(p, "inode " + fileIno + " (REGULAR) has nlink 1 but 2 entries");
        assertMentions(p, "directory " + subIno + " has nlink 5, expected 2");
    }
}
