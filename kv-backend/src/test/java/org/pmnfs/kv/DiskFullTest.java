package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmnfs.kv.KvTestFiles.create;
import static org.pmnfs.kv.KvTestFiles.pattern;
import static org.pmnfs.kv.KvTestFiles.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.NoSpcException;
import org.pmnfs.vfs.StableHow;

/**
 * A real full disk: the store lives on a 16 MiB tmpfs (mounting needs root; skipped otherwise).
 * Writes end in NFS3ERR_NOSPC, acknowledged data stays readable, and once space is freed the store
 * reopens consistent and writable.
 */
class DiskFullTest {

    @TempDir
    Path tmp;

    @Test
    void aFullDiskGivesNospcAndTheStoreSurvivesIt() throws Exception {
        try (SmallTmpfs tmpfs = SmallTmpfs.mountOrSkip(tmp, "16m")) {
            Path mnt = tmpfs.path();
            Path ballast = mnt.resolve("ballast");
            Files.write(ballast, new byte[4 << 20]);
            Path dir = mnt.resolve("store");
            KvConfig config = KvConfig.defaults(dir);
            int chunk = 64 * 1024;
            long acknowledged = 0;
            NoSpcException full = null;
            KvBackend fs = KvBackend.open(config);
            FileHandle f = create(fs, fs.root(), "fill");
            while (full == null && acknowledged < (64L << 20)) {
                try {
                    fs.write(f, acknowledged, ByteBuffer.wrap(pattern(chunk, acknowledged)), StableHow.FILE_SYNC);
                    acknowledged += chunk;
                } catch (NoSpcException e) {
                    full = e;
                }
            }
            assertNotNull(full, "wrote " + acknowledged + " bytes to a 16 MiB file system without NOSPC");
            assertTrue(acknowledged > 0);
            assertEquals(acknowledged, fs.getattr(f).size(), "the failed write must not change the size");
            assertArrayEquals(pattern(chunk, acknowledged - chunk), read(fs, f, acknowledged - chunk, chunk));
            try {
                fs.close();
            } catch (IOException e) {
                // closing a store whose engine hit the full disk may fail; what is stored must still be sound
            }
            Files.delete(ballast);
            KvStoreChecker.Report report = KvStoreChecker.check(dir);
            assertTrue(report.consistent(), report.problems().toString());
            try (KvBackend again = KvBackend.open(config)) {
                FileHandle g = again.lookup(again.root(), KvTestFiles.name("fill")).handle();
                assertEquals(acknowledged, again.getattr(g).size());
                for (long off = 0; off < acknowledged; off += chunk) {
                    assertArrayEquals(pattern(chunk, off), read(again, g, off, chunk), "acknowledged chunk at " + off);
                }
                again.remove(again.root(), KvTestFiles.name("fill"));
                FileHandle h = create(again, again.root(), "after");
                again.write(h, 0, ByteBuffer.wrap(pattern(chunk, 1)), StableHow.FILE_SYNC);
            }
        }
    }
}
