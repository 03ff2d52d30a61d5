package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.NoSpcException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/** Filling the smallest pool with files, directories and inodes until NOSPC, then emptying it: consistent throughout, no leak. */
class NospcTest {

    @Test
    void fillWithSmallFilesAndDirectoriesThenEmpty() throws Exception {
        SimDevice d = SimPools.formatted(4 << 20);
        List<String> made = new ArrayList<>();
        long free0;
        try (PmemBackend b = SimPools.mount(d)) {
            free0 = b.fsstat(b.root()).freeBytes();
            FileHandle sub = b.mkdir(b.root(), FileName.of("sub"), SetAttributes.NONE).handle();
            int i = 0;
            while (true) {
                FileHandle dir = i % 2 == 0 ? b.root() : sub;
                String name = "file-with-a-longish-name-" + i;
                try {
                    FileHandle f = b.create(dir, FileName.of(name), CreateMode.GUARDED, SetAttributes.NONE, 0).handle();
                    made.add((i % 2 == 0 ? "" : "sub/") + name);
                    b.write(f, 0, ByteBuffer.allocate(1 + i % 6000), StableHow.FILE_SYNC);
                } catch (NoSpcException e) {
                    assertTrue(e.getMessage().contains("free"), e.getMessage());
                    break;
                }
                i++;
                assertTrue(i < 100_000, "never ran out of space");
            }
            assertTrue(made.size() > 300, "filled " + made.size() + " files");
            assertTrue(b.fsstat(b.root()).freeBytes() < 8 * 4096, "nearly full");
        }
        FsckReport full = Fsck.check(d, false, FsckProgress.NONE);
        assertTrue(full.clean(), full.summary());
        try (PmemBackend b = SimPools.mount(d)) {
            FileHandle sub = b.lookup(b.root(), FileName.of("sub")).handle();
            for (String p : made) {
                if (p.startsWith("sub/")) {
                    b.remove(sub, FileName.of(p.substring(4)));
                } else {
                    b.remove(b.root(), FileName.of(p));
                }
            }
            b.rmdir(b.root(), FileName.of("sub"));
            long grown = b.fs().itable.capacity() / 32 - 1;
            assertTrue(grown > 0 && grown < 511, "the table grew within one leaf: " + grown);
            // The table's new data blocks, plus the leaf index node it needed once it passed one block.
            assertEquals(free0 - (grown + 1) * 4096, b.fsstat(b.root()).freeBytes(),
                    "everything but the grown inode table comes back");
        }
        FsckReport empty = Fsck.check(d, false, FsckProgress.NONE);
        assertTrue(empty.clean(), empty.summary());
    }
}
