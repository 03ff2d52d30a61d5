package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.*;

/** A first end-to-end pass: create, write, read, rename, sparse height-3 write, truncate, remount, remove, fsck. */
class SmokeTest {

    @Test
    void basicOperations() throws Exception {
        SimDevice d = SimPools.formatted(8 << 20);
        FileHandle f;
        try (PmemBackend b = SimPools.mount(d)) {
            FileHandle root = b.root();
            CreateResult c = b.create(root, FileName.of("hello"), CreateMode.GUARDED, SetAttributes.NONE, 0);
            f = c.handle();
            byte[] data = "hello world".getBytes(StandardCharsets.UTF_8);
            WriteResult w = b.write(f, 0, ByteBuffer.wrap(data), StableHow.FILE_SYNC);
            assertEquals(data.length, w.count());
            ByteBuffer out = ByteBuffer.allocate(100);
            ReadResult r = b.read(f, 0, 100, out);
            assertEquals(data.length, r.count());
            assertArrayEquals(data, java.util.Arrays.copyOf(out.array(), r.count()));
            CreateResult dir = b.mkdir(root, FileName.of("sub"), SetAttributes.NONE);
            b.rename(root, FileName.of("hello"), dir.handle(), FileName.of("moved"));
            LookupResult l = b.lookup(dir.handle(), FileName.of("moved"));
            assertEquals(f, l.handle());
            DirListing ls = b.readdir(root, 0, 0, true, EntryBudget.unlimited());
            assertEquals(3, ls.entries().size());
            // big sparse write at 2 GiB - 1 block -> height 3
            b.write(f, (1L << 31), ByteBuffer.wrap(data), StableHow.FILE_SYNC);
            assertEquals((1L << 31) + data.length, b.getattr(f).size());
            b.setattr(f, SetAttributes.ofSize(5), null);
            out.clear();
            r = b.read(f, 0, 100, out);
            assertEquals(5, r.count());
        }
        try (PmemBackend b = SimPools.mount(d)) {
            assertEquals(5, b.getattr(f).size());
            FileHandle dir = b.lookup(b.root(), FileName.of("sub")).handle();
            b.remove(dir, FileName.of("moved"));
            assertThrows(StaleException.class, () -> b.getattr(f));
            b.rmdir(b.root(), FileName.of("sub"));
        }
        FsckReport rep = Fsck.check(d, false, FsckProgress.NONE);
        assertTrue(rep.clean(), rep.summary());
    }
}
