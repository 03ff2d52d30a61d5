package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.SuperBlockLayout.MTIME;
import static org.pmnfs.pmem.layout.SuperBlockLayout.STATE_DIRTY;
import static org.pmnfs.pmem.layout.SuperBlockLayout.X_MOUNT_COUNT;
import static org.pmnfs.pmem.layout.SuperBlockLayout.X_STATE;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.pmnfs.pmem.PoolException.Reason;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.pmem.layout.SuperBlock;
import org.pmnfs.vfs.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a pool: lock, validate block 0 (nothing is written until it passes), mark the pool
 * mounted, roll back unfinished transactions, rebuild the allocator (from the clean-close
 * snapshot, or by a full check that also reclaims orphans), and load the inode table.
 */
final class Mount {

    private static final Logger LOG = LoggerFactory.getLogger(Mount.class);

    private Mount() {}

    static PmemFs open(PmemConfig cfg) throws IOException {
        if (cfg.createSize() > 0 && !Files.exists(cfg.device())) {
            PmemFormatter.format(cfg.device(), cfg.createSize(), false, cfg.clock());
        }
        PoolFile pf = PoolFile.open(cfg.device(), PoolFile.Access.EXCLUSIVE, DaxSysfs.system());
        MappedDevice dev = null;
        boolean ok = false;
        try {
            SuperBlock sb = readSuperBlock(pf);
            dev = MappedDevice.map(pf, sb.t1Blocks() * OnMedia.BLOCK_SIZE, cfg.chunkShift());
            PmemFs fs = mount(dev, sb, new NanoClock(cfg.clock()), pf);
            ok = true;
            return fs;
        } finally {
            if (!ok) {
                if (dev != null) {
                    dev.close();
                }
                pf.close();
            }
        }
    }

    /** Reads and validates block 0 through a small mapping; writes nothing. */
    static SuperBlock readSuperBlock(PoolFile pf) throws IOException {
        if (pf.size() < OnMedia.BLOCK_SIZE) {
            throw new PoolException(Reason.TRUNCATED, "pool " + pf.path() + " is " + pf.size() + " bytes, shorter than one "
                    + OnMedia.BLOCK_SIZE + "-byte super block");
        }
        long len = Math.min(pf.size(), Math.max(OnMedia.BLOCK_SIZE, pf.mapAlign()));
        byte[] b0 = new byte[OnMedia.BLOCK_SIZE];
        try (MappedDevice head = MappedDevice.map(pf, len, MappedDevice.DEFAULT_CHUNK_SHIFT, true)) {
            head.read(0, MemorySegment.ofArray(b0), 0, b0.length);
        }
        return SuperBlockCheck.validate(pf.path().toString(), MemorySegment.ofArray(b0), pf.size());
    }

    /** Reads block 0 of an open device and validates it (tests mount simulated devices this way). */
    static SuperBlock readSuperBlock(PmemDevice dev) throws PoolException {
        byte[] b0 = new byte[OnMedia.BLOCK_SIZE];
        dev.read(0, MemorySegment.ofArray(b0), 0, b0.length);
        return SuperBlockCheck.validate(dev.name(), MemorySegment.ofArray(b0), dev.size());
    }

    /**
     * Mounts a validated device:
     * (1) if x_state is CLEAN, load the allocator snapshot (read only);
     * (2) first write: x_state DIRTY, mount count + 1, s_mtime; persist. From here a crash
     *     means "not clean": the next mount ignores the snapshot and scans;
     * (3) roll back unfinished transactions (none after a clean close);
     * (4) without a snapshot: check everything, refuse structural damage, reclaim orphans
     *     (each in its own transaction), and keep the marks as the allocator;
     * (5) load the inode table's free slots.
     */
    static PmemFs mount(PmemDevice dev, SuperBlock sb, NanoClock clock, AutoCloseable owner) throws IOException {
        var g = sb.geometry();
        BlockAllocator alloc = new BlockAllocator(g);
        boolean fromSnapshot = sb.isClean() && AllocatorSnapshot.load(dev, g, alloc);
        if (sb.isClean() && !fromSnapshot) {
            LOG.warn("pool {}: closed cleanly but its allocator snapshot does not check out; scanning", dev.name());
        }
        long mounts = dev.getLong(X_MOUNT_COUNT) + 1;
        dev.putLong(X_STATE, STATE_DIRTY);
        dev.putLong(X_MOUNT_COUNT, mounts);
        dev.putLong(MTIME, clock.now());
        dev.persist(X_STATE, X_MOUNT_COUNT + Long.BYTES - X_STATE);
        dev.persist(MTIME, Long.BYTES);
        int rolledBack = Journal.recover(dev, g);
        Journal journal = new Journal(dev, g);
        if (!fromSnapshot) {
            rebuild(dev, g, alloc, journal);
        }
        InodeTable itable = new InodeTable(dev, alloc, journal);
        itable.load();
        long verifier = (mounts << 32) ^ new SecureRandom().nextLong();
        LOG.info("pool {}: mounted ({}, mount {}, {}{}; {} of {} blocks free, {} inodes)", dev.name(),
                dev.mappingMode().description(), mounts, fromSnapshot ? "clean" : "after a crash or unclean close",
                rolledBack > 0 ? ", " + rolledBack + " transaction(s) rolled back" : "", alloc.freeBlocks(),
                alloc.dataBlocks(), itable.liveCount());
        return new PmemFs(dev, sb, clock, alloc, journal, itable, verifier, owner);
    }

    private static void rebuild(PmemDevice dev, org.pmnfs.pmem.layout.Geometry g, BlockAllocator alloc, Journal journal)
            throws IOException {
        Checker ck = new Checker(dev, g, alloc, FsckProgress.NONE).run();
        List<FsckProblem> structural = new ArrayList<>();
        List<Checker.Finding> orphans = new ArrayList<>();
        for (Checker.Finding f : ck.findings) {
            if (f.problem().kind().structural()) {
                structural.add(f.problem());
            } else if (f.problem().kind() == FsckProblem.Kind.ORPHAN) {
                orphans.add(f);
            } else {
                LOG.warn("pool {}: {} (run pmnfs fsck --repair)", dev.name(), f.problem());
            }
        }
        if (!structural.isEmpty()) {
            throw new PoolException(Reason.CORRUPT, "pool " + dev.name() + " has " + structural.size()
                    + " structural problem(s), e.g. " + structural.getFirst() + "; run pmnfs fsck --repair");
        }
        for (Checker.Finding f : orphans) {
            try (Tx tx = journal.begin(alloc)) {
                f.fix().apply(tx);
                tx.commit();
            }
            LOG.warn("pool {}: reclaimed {}", dev.name(), f.problem());
        }
    }
}
