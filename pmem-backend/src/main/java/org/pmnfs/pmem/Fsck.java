package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.SuperBlockLayout.STATE_CLEAN;
import static org.pmnfs.pmem.layout.SuperBlockLayout.STATE_DIRTY;
import static org.pmnfs.pmem.layout.SuperBlockLayout.X_STATE;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.pmem.layout.SuperBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pmnfs fsck}: checks a pool that no server is using (CRC, journal, inode table,
 * reachability, nlink, blocks used twice, leaked blocks and inodes, dirent sanity) and, with
 * repair, fixes what it can. Repair works in passes: each applies the fixes of the most basic
 * kind of problem found (every fix in its own journal transaction, so a crash during repair is
 * safe), then checks again.
 */
public final class Fsck {

    private static final Logger LOG = LoggerFactory.getLogger(Fsck.class);

    /** Passes repair makes at most (each fixes one kind of problem, then rechecks). */
    static final int MAX_PASSES = 24;

    private Fsck() {}

    /**
     * Checks (and with {@code repair} fixes) the pool at {@code path}. Without repair the pool is
     * opened read-only with a shared lock: refused while a server has it open.
     */
    public static FsckReport check(Path path, boolean repair, FsckProgress progress) throws IOException {
        try (PoolFile pf = PoolFile.open(path, repair ? PoolFile.Access.EXCLUSIVE : PoolFile.Access.SHARED, DaxSysfs.system())) {
            SuperBlock sb = Mount.readSuperBlock(pf);
            try (MappedDevice dev = MappedDevice.map(pf, sb.t1Blocks() * OnMedia.BLOCK_SIZE, MappedDevice.DEFAULT_CHUNK_SHIFT)) {
                return check(dev, repair, progress);
            }
        }
    }

    static FsckReport check(PmemDevice dev, boolean repair, FsckProgress progress) throws IOException {
        SuperBlock sb = Mount.readSuperBlock(dev);
        Geometry g = sb.geometry();
        List<FsckProblem> repaired = new ArrayList<>();
        List<FsckProblem> journalProblems = new ArrayList<>();
        int rolledBack = 0;
        if (repair) {
            rolledBack = Journal.recover(dev, g);
        } else {
            // Check what mount would see: roll unfinished transactions back in a DRAM overlay.
            for (int i = 0; i < g.lanes(); i++) {
                long lane = g.laneOffset(i);
                long seq = dev.getLong(lane) + 1;
                int n = Journal.openRecords(dev, g, lane, seq).size();
                if (n > 0) {
                    journalProblems.add(new FsckProblem(FsckProblem.Kind.JOURNAL_OPEN, 0, "journal lane " + i
                            + " holds unfinished transaction " + seq + " (" + n + " undo records); mount or --repair rolls it "
                            + "back (the checks below see it rolled back)", true));
                }
            }
            if (!journalProblems.isEmpty()) {
                dev = new OverlayDevice(dev);
                Journal.recover(dev, g);
            }
        }
        BlockAllocator alloc = new BlockAllocator(g);
        Checker ck = null;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            ck = new Checker(dev, g, alloc, progress).run();
            if (pass == 0 && sb.isClean()) {
                compareSnapshot(dev, g, ck);
            }
            if (!repair) {
                break;
            }
            FsckProblem.Kind kind = null;
            for (Checker.Finding f : ck.findings) {
                if (f.fix() != null && (kind == null || f.problem().kind().ordinal() < kind.ordinal())) {
                    kind = f.problem().kind();
                }
            }
            if (kind == null) {
                break;
            }
            Journal journal = new Journal(dev, g);
            for (Checker.Finding f : ck.findings) {
                if (f.problem().kind() == kind && f.fix() != null) {
                    try (Tx tx = journal.begin(alloc)) {
                        f.fix().apply(tx);
                        tx.commit();
                    }
                    repaired.add(f.problem());
                    LOG.info("repaired {}", f.problem());
                }
            }
        }
        List<FsckProblem> problems = new ArrayList<>(journalProblems);
        problems.addAll(ck.problems());
        if (repair && (!repaired.isEmpty() || rolledBack > 0)) {
            finishRepair(dev, g, ck, problems.isEmpty());
        }
        return new FsckReport(problems, repaired, rolledBack, ck.live, ck.directories, ck.usedBlocks(), g.dataBlocks());
    }

    /** Compares the clean-close snapshot with the blocks actually in use. */
    private static void compareSnapshot(PmemDevice dev, Geometry g, Checker ck) {
        BlockAllocator snap = new BlockAllocator(g);
        if (!AllocatorSnapshot.load(dev, g, snap)) {
            ck.problem(FsckProblem.Kind.SNAPSHOT, 0, "the pool is marked clean but its allocator snapshot fails its checksum",
                    tx -> { });
            return;
        }
        long leaked = 0;
        long missing = 0;
        for (long bn = g.dataBn(); bn < g.totalBlocks(); bn++) {
            boolean inSnap = snap.isUsed(bn);
            boolean used = ck.alloc.isUsed(bn);
            if (inSnap && !used) {
                leaked++;
            } else if (used && !inSnap) {
                missing++;
            }
        }
        if (leaked > 0 || missing > 0) {
            ck.problem(FsckProblem.Kind.SNAPSHOT, 0, "allocator snapshot marks " + leaked + " unreferenced block(s) in use "
                    + "(leaked) and " + missing + " referenced block(s) free", tx -> { });
        }
    }

    /**
     * After repairs: if the final check is clean, write a fresh snapshot and mark the pool clean
     * (so the next mount skips the scan); else mark it dirty (the next mount scans).
     */
    private static void finishRepair(PmemDevice dev, Geometry g, Checker ck, boolean clean) {
        dev.putLong(X_STATE, STATE_DIRTY);
        dev.persist(X_STATE, Long.BYTES);
        if (clean) {
            FlushSet fs = new FlushSet();
            AllocatorSnapshot.save(dev, g, ck.alloc, ck.live, fs);
            dev.flush(fs);
            dev.fence();
            dev.putLong(X_STATE, STATE_CLEAN);
            dev.persist(X_STATE, Long.BYTES);
        }
    }
}
