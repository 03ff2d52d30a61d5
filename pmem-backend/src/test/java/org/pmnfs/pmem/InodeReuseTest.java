package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmnfs.pmem.layout.InodeLayout;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.NoSpcException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.StaleException;

/** Inode-table growth, generation bumps on reuse (handles go stale), fsid from the uuid, exact statfs. */
class InodeReuseTest {

    @Test
    void reusedSlotGetsANewGenerationAndOldHandlesGoStale() throws Exception {
        SimDevice d = SimPools.formatted(8 << 20);
        try (PmemBackend b = SimPools.mount(d)) {
            HandleCodec codec = b.fs().codec;
            List<FileHandle> files = new ArrayList<>();
            // The first itable block holds 31 usable slots, one taken by the root: 30 creates fill it.
            for (int i = 0; i < 30; i++) {
                files.add(b.create(b.root(), FileName.of("f" + i), CreateMode.GUARDED, SetAttributes.NONE, 0).handle());
            }
            assertEquals(32, b.fs().itable.capacity());
            FileHandle victim = files.get(7);
            HandleCodec.InodeRef old = codec.decode(victim);
            b.remove(b.root(), FileName.of("f7"));
            assertThrows(StaleException.class, () -> b.getattr(victim));
            FileHandle reborn = b.create(b.root(), FileName.of("again"), CreateMode.GUARDED, SetAttributes.NONE, 0).handle();
            HandleCodec.InodeRef now = codec.decode(reborn);
            assertEquals(old.ino(), now.ino(), "the only free slot is reused");
            assertEquals(old.generation() + 1, now.generation());
            assertThrows(StaleException.class, () -> b.getattr(victim), "the old handle names the old generation");
            b.create(b.root(), FileName.of("grow"), CreateMode.GUARDED, SetAttributes.NONE, 0);
            assertEquals(64, b.fs().itable.capacity(), "the table grew by one block of 32 slots");
            long ip = b.fs().inodeOffset(40);
            assertEquals(40, d.getLong(ip + InodeLayout.INO), "new slots are stamped");
            assertEquals(b.fs().superBlock.fsid(), codec.fsid());
        }
        assertTrue(Fsck.check(d, false, FsckProgress.NONE).clean());
    }

    @Test
    void deviceNumbersRoundTripAndOversizedOnesAreRefused() throws Exception {
        SimDevice d = SimPools.formatted(4 << 20);
        try (PmemBackend b = SimPools.mount(d)) {
            var a = b.mknod(b.root(), FileName.of("blk"), org.pmnfs.vfs.FileType.BLOCK, SetAttributes.NONE, 259, 0xabcde).attributes();
            assertEquals(259, a.rdevMajor());
            assertEquals(0xabcde, a.rdevMinor());
            assertThrows(org.pmnfs.vfs.InvalException.class,
                    () -> b.mknod(b.root(), FileName.of("c"), org.pmnfs.vfs.FileType.CHARACTER, SetAttributes.NONE, 4096, 1));
            assertThrows(org.pmnfs.vfs.InvalException.class,
                    () -> b.mknod(b.root(), FileName.of("c"), org.pmnfs.vfs.FileType.CHARACTER, SetAttributes.NONE, 1, -1));
            assertThrows(org.pmnfs.vfs.NoEntException.class, () -> b.lookup(b.root(), FileName.of("c")), "nothing was created");
        }
    }

    @Test
    void statfsIsExactAndNospcLeavesNothingBehind() throws Exception {
        SimDevice d = SimPools.formatted(4 << 20);
        try (PmemBackend b = SimPools.mount(d)) {
            long free0 = b.fsstat(b.root()).freeBytes();
            FileHandle f = b.create(b.root(), FileName.of("big"), CreateMode.GUARDED, SetAttributes.NONE, 0).handle();
            assertEquals(free0 - 4096, b.fsstat(b.root()).freeBytes(), "the root's first dirent block");
            free0 -= 4096;
            b.write(f, 0, ByteBuffer.allocate(40960), StableHow.FILE_SYNC);
            // 10 data blocks + 1 leaf index node (i_blocks counts only the 10; statfs counts all).
            assertEquals(free0 - 11 * 4096, b.fsstat(b.root()).freeBytes());
            assertEquals(40960, b.getattr(f).used(), "used is in bytes: 10 blocks of 4096");
            long free = b.fsstat(b.root()).freeBytes();
            assertThrows(NoSpcException.class, () -> b.write(f, 1 << 20, ByteBuffer.allocate((int) free + 4096), StableHow.FILE_SYNC));
            assertEquals(free, b.fsstat(b.root()).freeBytes(), "a failed write frees what it reserved");
            assertEquals(40960, b.getattr(f).size());
            b.remove(b.root(), FileName.of("big"));
            assertEquals(free0 + 4096, b.fsstat(b.root()).freeBytes(),
                    "no drift after create, write, remove (the emptied root frees its dirent block too)");
        }
        assertTrue(Fsck.check(d, false, FsckProgress.NONE).clean());
    }
}
