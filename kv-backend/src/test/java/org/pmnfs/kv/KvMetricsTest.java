package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmnfs.kv.KvTestFiles.create;
import static org.pmnfs.kv.KvTestFiles.pattern;
import static org.pmnfs.kv.KvTestFiles.write;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.vfs.BackendMetric;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.StableHow;

/** The kv backend's numbers for monitoring follow what the calls did. */
class KvMetricsTest {

    @TempDir
    Path dir;

    /** The current value of the backend's metric {@code name}. */
    static long value(KvBackend fs, String name) {
        for (BackendMetric m : fs.metrics()) {
            if (m.name().equals(name)) {
                return m.value().getAsLong();
            }
        }
        throw new AssertionError("no metric " + name + " in " + fs.metrics());
    }

    @Test
    void dirtyBytesRiseWithUnstableWritesAndFallToZeroAtCommit() throws IOException {
        try (KvBackend fs = KvBackend.open(KvConfig.defaults(dir.resolve("store")).withChunkSize(4096))) {
            long inodes = value(fs, "kv_inodes_used");
            FileHandle f = create(fs, fs.root(), "f");
            assertEquals(inodes + 1, value(fs, "kv_inodes_used"));
            write(fs, f, 0, pattern(3 * 4096, 1), StableHow.UNSTABLE);
            assertEquals(3 * 4096, value(fs, "kv_dirty_bytes"));
            fs.commit(f, 0, 0);
            assertEquals(0, value(fs, "kv_dirty_bytes"));
            assertEquals(0, value(fs, "kv_jukebox_replies_total"));
            assertTrue(value(fs, "kv_compaction_backlog_bytes") >= 0, "RocksDB answers the property");
        }
    }

    @Test
    void theCompactionBacklogOfAClosedStoreIsMinusOneNotACrash() throws IOException {
        KvBackend fs = KvBackend.open(KvConfig.defaults(dir.resolve("store")));
        fs.close();
        assertEquals(-1, value(fs, "kv_compaction_backlog_bytes"));
    }
}
