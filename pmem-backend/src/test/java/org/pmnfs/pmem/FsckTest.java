package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;
import static org.pmnfs.pmem.FsckProblem.Kind.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.pmnfs.pmem.layout.DirentLayout;
import org.pmnfs.pmem.layout.InodeLayout;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.pmem.layout.SuperBlockLayout;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/** fsck: each kind of damage is found with a clear message, repaired, and the pool then checks clean and mounts. */
class FsckTest {

    /** A small tree: /d (dir), /d/a (file, 3 blocks), /b (file, 1 block), /d/sub (dir). Returns inode numbers by name. */
    private record Pool(SimDevice dev, long d, long a, long b, long sub) {
        long ip(long ino) throws IOException {
            try (PmemFs fs = SimPools.mountFs(dev)) {
                return fs.inodeOffset(ino);
            }
        }
    }

    private static Pool pool() throws IOException {
        SimDevice dev = SimPools.formatted(8 << 20);
        try (PmemBackend be = SimPools.mount(dev)) {
            HandleCodec c = be.fs().codec;
            FileHandle d = be.mkdir(be.root(), FileName.of("d"), SetAttributes.NONE).handle();
            FileHandle a = be.create(d, FileName.of("a"), CreateMode.GUARDED, SetAttributes.NONE, 0).handle();
            be.write(a, 0, ByteBuffer.allocate(3 * 4096), StableHow.FILE_SYNC);
            FileHandle b = be.create(be.root(), FileName.of("b"), CreateMode.GUARDED, SetAttributes.NONE, 0).handle();
            be.write(b, 0, ByteBuffer.allocate(100), StableHow.FILE_SYNC);
            FileHandle sub = be.mkdir(d, FileName.of("sub"), SetAttributes.NONE).handle();
            return new Pool(dev, c.decode(d).ino(), c.decode(a).ino(), c.decode(b).ino(), c.decode(sub).ino());
        }
    }

    private static Set<FsckProblem.Kind> kinds(FsckReport r) {
        Set<FsckProblem.Kind> k = new TreeSet<>();
        r.problems().forEach(p -> k.add(p.kind()));
        return k;
    }

    /** Damages the pool, checks that fsck reports {@code expected}, repairs, and checks it is clean and mountable. */
    private static void damageAndRepair(Pool p, FsckProblem.Kind expected, Consumer<SimDevice> damage) throws IOException {
        damage.accept(p.dev());
        FsckReport found = Fsck.check(p.dev(), false, FsckProgress.NONE);
        assertFalse(found.clean());
        assertEquals(FsckReport.UNCORRECTED, found.exitStatus());
        assertTrue(kinds(found).contains(expected), "expected " + expected + " in\n" + found.summary());
        FsckReport fixed = Fsck.check(p.dev(), true, FsckProgress.NONE);
        assertTrue(fixed.clean(), fixed.summary());
        assertEquals(FsckReport.REPAIRED, fixed.exitStatus());
        assertTrue(fixed.repaired().stream().anyMatch(x -> x.kind() == expected), fixed.summary());
        FsckReport again = Fsck.check(p.dev(), false, FsckProgress.NONE);
        assertEquals(FsckReport.CLEAN, again.exitStatus(), again.summary());
        try (PmemBackend be = SimPools.mount(p.dev())) {
            assertNotNull(be.getattr(be.root()));
        }
        assertTrue(Fsck.check(p.dev(), false, FsckProgress.NONE).clean());
    }

    @Test
    void cleanPoolIsCleanAndProgressIsReported() throws IOException {
        Pool p = pool();
        List<String> phases = new ArrayList<>();
        FsckReport r = Fsck.check(p.dev(), false, (phase, done, total) -> {
            if (phases.isEmpty() || !phases.getLast().equals(phase)) {
                phases.add(phase);
            }
            assertTrue(done <= total);
        });
        assertTrue(r.clean(), r.summary());
        assertEquals(FsckReport.CLEAN, r.exitStatus());
        assertEquals(5, r.liveInodes(), "root, d, a, b, sub");
        assertEquals(3, r.directories());
        assertTrue(phases.containsAll(List.of("inode table", "inodes", "directories")), phases.toString());
        assertTrue(r.summary().endsWith("clean"));
    }

    @Test
    void blockUsedTwice() throws IOException {
        Pool p = pool();
        long aip = p.ip(p.a());
        long bip = p.ip(p.b());
        damageAndRepair(p, DOUBLE_BLOCK, d -> {
            long leaf = d.getLong(aip + InodeLayout.ROOT);
            long firstData = d.getLong(OnMedia.blockOffset(leaf));
            d.putLong(bip + InodeLayout.ROOT, firstData);
        });
    }

    @Test
    void pointerOutsideTheDataArea() throws IOException {
        Pool p = pool();
        long aip = p.ip(p.a());
        damageAndRepair(p, BAD_POINTER, d -> {
            long leaf = d.getLong(aip + InodeLayout.ROOT);
            d.putLong(OnMedia.blockOffset(leaf) + 8, 3); // block 3 is in the journal
        });
    }

    @Test
    void wrongLinkCount() throws IOException {
        Pool p = pool();
        long bip = p.ip(p.b());
        damageAndRepair(p, LINK_COUNT, d -> d.putInt(bip + InodeLayout.NLINK, 5));
    }

    @Test
    void danglingEntry() throws IOException {
        Pool p = pool();
        long bip = p.ip(p.b());
        damageAndRepair(p, DANGLING, d -> d.putInt(bip + InodeLayout.NLINK, 0));
    }

    @Test
    void orphanInodeIsALeak() throws IOException {
        Pool p = pool();
        long dip = p.ip(p.d());
        damageAndRepair(p, ORPHAN, d -> {
            // Cut the only entry naming /d/a: inode a and its 3 blocks become unreachable.
            long blk = OnMedia.blockOffset(d.getLong(dip + InodeLayout.ROOT));
            long rec = Dirents.rec(blk, 0);
            assertEquals(p.a(), Dirents.ino(d, rec));
            d.putLong(rec + DirentLayout.INO, 0);
        });
    }

    @Test
    void staleDotDot() throws IOException {
        Pool p = pool();
        long sip = p.ip(p.sub());
        damageAndRepair(p, DOTDOT, d -> d.putLong(sip + InodeLayout.DIR_PARENT, InodeLayout.ROOT_INO));
    }

    @Test
    void wrongBlockCount() throws IOException {
        Pool p = pool();
        long aip = p.ip(p.a());
        damageAndRepair(p, BLOCK_COUNT, d -> d.putLong(aip + InodeLayout.BLOCKS, 99));
    }

    @Test
    void blocksPastEndOfFile() throws IOException {
        Pool p = pool();
        long aip = p.ip(p.a());
        damageAndRepair(p, BEYOND_EOF, d -> d.putLong(aip + InodeLayout.SIZE_FIELD, 100));
    }

    @Test
    void brokenDirentRecord() throws IOException {
        Pool p = pool();
        long dip = p.ip(p.d());
        damageAndRepair(p, DIRENT_RECORD, d -> {
            long blk = OnMedia.blockOffset(d.getLong(dip + InodeLayout.ROOT));
            long rec = Dirents.rec(blk, 1); // the record of "sub"
            d.putByte(rec + DirentLayout.NDE, (byte) 0);
        });
    }

    @Test
    void wrongEntryCountAndType() throws IOException {
        Pool p = pool();
        long dip = p.ip(p.d());
        damageAndRepair(p, NDENTS, d -> d.putLong(dip + InodeLayout.DIR_NDENTS, 7));
        damageAndRepair(p, DIRENT_TYPE, d -> {
            long blk = OnMedia.blockOffset(d.getLong(dip + InodeLayout.ROOT));
            d.putByte(Dirents.rec(blk, 0) + DirentLayout.FILE_TYPE, (byte) 4);
        });
    }

    @Test
    void leakedBlocksInTheCleanSnapshot() throws IOException {
        Pool p = pool();
        damageAndRepair(p, SNAPSHOT, d -> {
            try {
                var g = Mount.readSuperBlock(d).geometry();
                BlockAllocator a = new BlockAllocator(g);
                assertTrue(AllocatorSnapshot.load(d, g, a));
                try (BlockAllocator.Reservation r = a.reserve(5)) {
                    for (int i = 0; i < 5; i++) {
                        a.allocate(r);
                    }
                }
                AllocatorSnapshot.save(d, g, a, 5, new FlushSet());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void unfinishedTransactionIsReportedAndRolledBack() throws IOException {
        // Find a power loss whose image, read raw, is half done (some stores of the create survived).
        SimDevice after = null;
        for (long seed = 1; seed < 50 && after == null; seed++) {
            Pool p = pool();
            try (PmemBackend be = SimPools.mount(p.dev())) {
                p.dev().crashAtFence(2, SimDevice.Drop.RANDOM_LINES, seed);
                assertThrows(SimDevice.PowerLoss.class,
                        () -> be.create(be.root(), FileName.of("x"), CreateMode.GUARDED, SetAttributes.NONE, 0));
            }
            SimDevice img = SimDevice.fromImage("after", p.dev().crashImage());
            var g = Mount.readSuperBlock(img).geometry();
            if (!new Checker(img, g, new BlockAllocator(g), FsckProgress.NONE).run().findings.isEmpty()) {
                after = img;
            }
        }
        assertNotNull(after, "no seed left a half-done create behind");
        FsckReport found = Fsck.check(after, false, FsckProgress.NONE);
        assertEquals(Set.of(JOURNAL_OPEN), kinds(found), "the rest is checked as rolled back: " + found.summary());
        assertEquals(FsckReport.UNCORRECTED, found.exitStatus());
        var g = Mount.readSuperBlock(after).geometry();
        boolean stillOpen = false;
        for (int i = 0; i < g.lanes(); i++) {
            long lane = g.laneOffset(i);
            stillOpen |= !Journal.openRecords(after, g, lane, after.getLong(lane) + 1).isEmpty();
        }
        assertTrue(stillOpen, "a check without repair writes nothing: the transaction is still open");
        FsckReport fixed = Fsck.check(after, true, FsckProgress.NONE);
        assertEquals(1, fixed.rolledBack());
        assertTrue(fixed.clean(), fixed.summary());
        assertEquals(FsckReport.REPAIRED, fixed.exitStatus());
    }

    @Test
    void mountRefusesStructuralDamageUntilRepaired() throws IOException {
        Pool p = pool();
        long aip = p.ip(p.a());
        long bip = p.ip(p.b());
        try (PmemFs fs = SimPools.mountFs(p.dev())) {
            // mounted: the pool is now DIRTY, so the next mount scans
            assertNotNull(fs);
            long leaf = p.dev().getLong(aip + InodeLayout.ROOT);
            p.dev().putLong(bip + InodeLayout.ROOT, p.dev().getLong(OnMedia.blockOffset(leaf)));
            p.dev().putLong(SuperBlockLayout.X_STATE, SuperBlockLayout.STATE_DIRTY);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        p.dev().putLong(SuperBlockLayout.X_STATE, SuperBlockLayout.STATE_DIRTY);
        PoolException e = assertThrows(PoolException.class, () -> SimPools.mountFs(p.dev()));
        assertEquals(PoolException.Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("fsck --repair"), e.getMessage());
        assertTrue(Fsck.check(p.dev(), true, FsckProgress.NONE).clean());
        try (PmemBackend be = SimPools.mount(p.dev())) {
            assertEquals(3, be.lookup(be.root(), FileName.of("d")).attributes().nlink());
        }
    }

    @Test
    void repairOfARealPoolFile() throws IOException {
        Path dir = TestDirs.create();
        try {
            Path pool = dir.resolve("p");
            PmemFormatter.format(pool, 8 << 20, false);
            FileHandle f;
            long ino;
            try (PmemBackend be = PmemBackend.open(PmemConfig.of(pool))) {
                f = be.create(be.root(), FileName.of("f"), CreateMode.GUARDED, SetAttributes.NONE, 0).handle();
                ino = be.fs().codec.decode(f).ino();
                long ip = be.fs().inodeOffset(ino);
                be.fs().dev.putInt(ip + InodeLayout.NLINK, 9);
                be.fs().dev.persist(ip + InodeLayout.NLINK, 4);
            }
            FsckReport r = Fsck.check(pool, false, FsckProgress.NONE);
            assertEquals(FsckReport.UNCORRECTED, r.exitStatus());
            assertTrue(r.summary().contains("inode " + ino), r.summary());
            assertEquals(FsckReport.REPAIRED, Fsck.check(pool, true, FsckProgress.NONE).exitStatus());
            assertEquals(FsckReport.CLEAN, Fsck.check(pool, false, FsckProgress.NONE).exitStatus());
            assertTrue(PoolInfo.read(pool).clean(), "a clean repair leaves the pool clean");
        } finally {
            TestDirs.delete(dir);
        }
    }
}
