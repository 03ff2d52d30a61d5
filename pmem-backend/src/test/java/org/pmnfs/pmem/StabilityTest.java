package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WriteResult;

/** What each stability level leaves durable when power fails right after the call, and the write verifier. */
class StabilityTest {

    private static byte[] fill(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private static byte[] readBack(byte[] image, long off, int n) throws Exception {
        SimDevice d = SimDevice.fromImage("after", image);
        try (PmemBackend b = SimPools.mount(d)) {
            FileHandle f = b.lookup(b.root(), FileName.of("f")).handle();
            ByteBuffer out = ByteBuffer.allocate(n);
            b.read(f, off, n, out);
            return out.array();
        }
    }

    @Test
    void unstableWaitsForCommitAndCommitPersistsExactlyItsRange() throws Exception {
        SimDevice d = SimPools.formatted(8 << 20);
        try (PmemBackend b = SimPools.mount(d)) {
            FileHandle f = b.create(b.root(), FileName.of("f"), CreateMode.GUARDED, SetAttributes.NONE, 0).handle();
            b.write(f, 0, ByteBuffer.wrap(fill(3 * 4096, 1)), StableHow.FILE_SYNC);
            long fences = d.fences();
            WriteResult w1 = b.write(f, 0, ByteBuffer.wrap(fill(4096, 2)), StableHow.UNSTABLE);
            WriteResult w2 = b.write(f, 8192, ByteBuffer.wrap(fill(4096, 3)), StableHow.UNSTABLE);
            assertEquals(StableHow.UNSTABLE, w1.committed());
            assertEquals(StableHow.UNSTABLE, w2.committed());
            assertEquals(fences, d.fences(), "UNSTABLE overwrites inside the file persist nothing");
            byte[] lost = d.powerLossNow(SimDevice.Drop.ALL, 1);
            assertArrayEquals(fill(4096, 1), readBack(lost, 0, 4096), "uncommitted UNSTABLE data is not durable");
            b.commit(f, 0, 4096);
            byte[] afterCommit = d.powerLossNow(SimDevice.Drop.ALL, 2);
            assertArrayEquals(fill(4096, 2), readBack(afterCommit, 0, 4096), "the committed range is durable");
            assertArrayEquals(fill(4096, 1), readBack(afterCommit, 8192, 4096), "COMMIT persisted only its range");
            b.commit(f, 0, 0);
            assertArrayEquals(fill(4096, 3), readBack(d.powerLossNow(SimDevice.Drop.ALL, 3), 8192, 4096),
                    "count 0 commits to the end of the file");
        }
    }

    @Test
    void fileSyncAndExtendingUnstableWritesAreDurableOnReturn() throws Exception {
        SimDevice d = SimPools.formatted(8 << 20);
        try (PmemBackend b = SimPools.mount(d)) {
            FileHandle f = b.create(b.root(), FileName.of("f"), CreateMode.GUARDED, SetAttributes.NONE, 0).handle();
            WriteResult w = b.write(f, 0, ByteBuffer.wrap(fill(5000, 4)), StableHow.UNSTABLE);
            assertEquals(StableHow.FILE_SYNC, w.committed(), "a write that maps blocks is persisted at once");
            assertArrayEquals(fill(5000, 4), readBack(d.powerLossNow(SimDevice.Drop.ALL, 4), 0, 5000));
            b.write(f, 100, ByteBuffer.wrap(fill(10, 5)), StableHow.DATA_SYNC);
            assertArrayEquals(fill(10, 5), readBack(d.powerLossNow(SimDevice.Drop.ALL, 5), 100, 10));
        }
    }

    @Test
    void cleanCloseMakesUnstableDataDurable() throws Exception {
        SimDevice d = SimPools.formatted(8 << 20);
        try (PmemBackend b = SimPools.mount(d)) {
            FileHandle f = b.create(b.root(), FileName.of("f"), CreateMode.GUARDED, SetAttributes.NONE, 0).handle();
            b.write(f, 0, ByteBuffer.wrap(fill(4096, 1)), StableHow.FILE_SYNC);
            b.write(f, 0, ByteBuffer.wrap(fill(4096, 6)), StableHow.UNSTABLE);
        }
        assertArrayEquals(fill(4096, 6), readBack(d.powerLossNow(SimDevice.Drop.ALL, 6), 0, 4096));
    }

    @Test
    void writeVerifierChangesWithEveryOpen() throws Exception {
        SimDevice d = SimPools.formatted(8 << 20);
        long v1;
        try (PmemBackend b = SimPools.mount(d)) {
            v1 = b.writeVerifier();
            assertEquals(v1, b.writeVerifier());
        }
        try (PmemBackend b = SimPools.mount(d)) {
            assertNotEquals(v1, b.writeVerifier());
        }
    }

    @Test
    void infoOnAPoolInUseScansAndSaysItIsNotClean() throws Exception {
        Path dir = TestDirs.create();
        try {
            Path pool = dir.resolve("p");
            PmemFormatter.format(pool, 8 << 20, false);
            PoolInfo clean = PoolInfo.read(pool);
            assertTrue(clean.clean());
            assertEquals(1, clean.usedBlocks(), "a new pool uses one block: the first inode-table block");
            assertEquals(1, clean.usedInodes());
            try (PmemBackend b = PmemBackend.open(PmemConfig.of(pool))) {
                FileHandle f = b.create(b.root(), FileName.of("f"), CreateMode.GUARDED, SetAttributes.NONE, 0).handle();
                b.write(f, 0, ByteBuffer.allocate(8192), StableHow.FILE_SYNC);
                PoolInfo busy = PoolInfo.read(pool);
                assertFalse(busy.clean());
                assertEquals(1 + 1 + 2 + 1, busy.usedBlocks(), "itable, root dirent block, 2 data blocks, 1 leaf");
                assertEquals(2, busy.usedInodes());
                assertEquals(1, busy.mountCount());
                assertTrue(busy.describe().contains("in use or not closed cleanly"), busy.describe());
            }
            PoolInfo after = PoolInfo.read(pool);
            assertTrue(after.clean());
            assertEquals(5, after.usedBlocks());
            assertNotNull(after.mappingMode());
        } finally {
            TestDirs.delete(dir);
        }
    }
}
