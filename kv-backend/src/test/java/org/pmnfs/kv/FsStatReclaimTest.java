package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmnfs.kv.KvTestFiles.create;
import static org.pmnfs.kv.KvTestFiles.pattern;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FsStat;
import org.pmnfs.vfs.StableHow;

/**
 * FSSTAT follows removals at once: RocksDB returns a removed file's bytes only at a later
 * compaction, but clients (df) expect free space back when rm returns. The store sits on its own
 * small tmpfs so nothing else changes the free space under the test (mounting needs root;
 * skipped otherwise).
 */
class FsStatReclaimTest {

    @TempDir
    Path tmp;

    @Test
    void freeSpaceComesBackWhenAFileIsRemoved() throws Exception {
        try (SmallTmpfs tmpfs = SmallTmpfs.mountOrSkip(tmp, "128m");
             KvBackend fs = KvBackend.open(KvConfig.defaults(tmpfs.path().resolve("store")))) {
            FileHandle f = create(fs, fs.root(), "big");
            int chunk = 1 << 20;
            for (long off = 0; off < (32L << 20); off += chunk) {
                fs.write(f, off, ByteBuffer.wrap(pattern(chunk, off)), StableHow.FILE_SYNC);
            }
            FsStat full = fs.fsstat(fs.root());
            fs.remove(fs.root(), KvTestFiles.name("big"));
            FsStat emptied = fs.fsstat(fs.root());
            assertTrue(emptied.freeBytes() - full.freeBytes() >= (24L << 20),
                    "free grew by only " + (emptied.freeBytes() - full.freeBytes()) + " bytes after removing 32 MiB");
            assertTrue(emptied.availableBytes() - full.availableBytes() >= (24L << 20),
                    "available grew by only " + (emptied.availableBytes() - full.availableBytes()) + " bytes");
            assertTrue(emptied.freeBytes() <= emptied.totalBytes());
        }
    }
}
