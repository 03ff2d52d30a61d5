package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.InodeLayout.*;
import static org.pmnfs.pmem.layout.SuperBlockLayout.ITABLE_INODE;
import static org.pmnfs.pmem.layout.SuperBlockLayout.MAGIC;
import static org.pmnfs.pmem.layout.SuperBlockLayout.MAGIC_VALUE;
import static org.pmnfs.pmem.layout.SuperBlockLayout.MIN_BLOCKS;
import static org.pmnfs.pmem.layout.SuperBlockLayout.SIZE_ALIGNMENT;
import static org.pmnfs.pmem.layout.SuperBlockLayout.STATE_CLEAN;
import static org.pmnfs.pmem.layout.SuperBlockLayout.X_SNAP_CRC;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.pmnfs.pmem.PoolException.Reason;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.pmem.layout.SuperBlock;
import org.pmnfs.vfs.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pmnfs mkfs}: creates or sizes a pool file (or takes a device-DAX node as it is) and
 * writes an empty pmnfs file system: super block, journal, allocator snapshot, inode table and
 * root directory. Refuses to overwrite an existing PMFS2/pmnfs super block unless forced.
 */
public final class PmemFormatter {

    private static final Logger LOG = LoggerFactory.getLogger(PmemFormatter.class);

    /** What mkfs made. */
    public record Result(Path path, UUID uuid, long bytes, long totalBlocks, long dataBlocks, int journalLanes,
                         MappingMode mappingMode) {}

    private PmemFormatter() {}

    /**
     * Formats {@code path}. A regular file is created if missing and set to {@code size} bytes
     * (rounded down to 2 MiB; 0 keeps an existing file's size); a device-DAX node is used whole
     * (or its first {@code size} bytes). Refuses when block 0 holds a PMFS2/pmnfs super block
     * and {@code force} is false; in that case nothing is written.
     */
    public static Result format(Path path, long size, boolean force) throws IOException {
        return format(path, size, force, Clock.systemUTC());
    }

    public static Result format(Path path, long size, boolean force, Clock clock) throws IOException {
        if (size < 0) {
            throw new PoolException(Reason.BAD_SIZE, "size " + size + " is negative");
        }
        boolean created = false;
        if (!Files.exists(path)) {
            if (size == 0) {
                throw new PoolException(Reason.BAD_SIZE, "pool " + path + " does not exist; give a size to create it");
            }
            try {
                Files.createFile(path);
                created = true;
            } catch (FileAlreadyExistsException e) {
                // Raced with someone else creating it; the lock below sorts it out.
            }
        }
        boolean ok = false;
        try (PoolFile pf = PoolFile.open(path, PoolFile.Access.EXCLUSIVE, DaxSysfs.system())) {
            refuseExisting(pf, force);
            long bytes = targetBytes(pf, size);
            if (pf.kind() == PoolFile.Kind.FILE && pf.size() != bytes) {
                if (pf.size() > bytes) {
                    pf.channel().truncate(bytes);
                } else {
                    pf.channel().write(ByteBuffer.allocate(1), bytes - 1);
                }
            }
            UUID uuid = UUID.randomUUID();
            MappingMode mode;
            try (MappedDevice dev = MappedDevice.map(pf, bytes, MappedDevice.DEFAULT_CHUNK_SHIFT)) {
                mode = dev.mappingMode();
                formatDevice(dev, bytes / OnMedia.BLOCK_SIZE, uuid, new NanoClock(clock).now(), RootOwner.uid(), RootOwner.gid());
            }
            Geometry g = Geometry.forBlocks(bytes / OnMedia.BLOCK_SIZE);
            LOG.info("formatted {}: {} bytes, {} blocks ({} for data), {} journal lanes, uuid {}", path, bytes,
                    g.totalBlocks(), g.dataBlocks(), g.lanes(), uuid);
            ok = true;
            return new Result(path, uuid, bytes, g.totalBlocks(), g.dataBlocks(), g.lanes(), mode);
        } finally {
            if (!ok && created) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void refuseExisting(PoolFile pf, boolean force) throws IOException {
        if (force || pf.size() < OnMedia.BLOCK_SIZE) {
            return;
        }
        long len = Math.min(pf.size(), Math.max(OnMedia.BLOCK_SIZE, pf.mapAlign()));
        try (MappedDevice head = MappedDevice.map(pf, len, MappedDevice.DEFAULT_CHUNK_SHIFT, true)) {
            if (head.getInt(MAGIC) == MAGIC_VALUE) {
                byte[] b0 = new byte[OnMedia.BLOCK_SIZE];
                head.read(0, MemorySegment.ofArray(b0), 0, b0.length);
                SuperBlock sb = SuperBlock.decode(MemorySegment.ofArray(b0));
                throw new PoolException(Reason.ALREADY_FORMATTED, "pool " + pf.path() + " already holds a "
                        + (sb.hasPmnfsExtension() ? "pmnfs" : "PMFS2") + " file system (uuid " + sb.uuid() + ", "
                        + sb.t1Blocks() + " blocks); use --force to overwrite it and lose its data");
            }
        }
    }

    private static long targetBytes(PoolFile pf, long size) throws PoolException {
        long have = pf.size();
        long want;
        if (pf.kind() == PoolFile.Kind.DEVICE_DAX) {
            if (size > have) {
                throw new PoolException(Reason.BAD_SIZE, "device " + pf.path() + " has " + have + " bytes, fewer than the "
                        + size + " asked for");
            }
            want = size == 0 ? have : size;
        } else {
            want = size == 0 ? have : size;
        }
        long bytes = want / SIZE_ALIGNMENT * SIZE_ALIGNMENT;
        long min = MIN_BLOCKS * OnMedia.BLOCK_SIZE;
        if (bytes < min) {
            throw new PoolException(Reason.BAD_SIZE, "pool " + pf.path() + ": " + want + " bytes round down to " + bytes
                    + " (2 MiB multiples); the minimum is " + min + " bytes (" + MIN_BLOCKS + " blocks)");
        }
        return bytes;
    }

    /**
     * Writes an empty file system on {@code dev} ({@code totalBlocks} blocks):
     * (1) zero block 0, the journal and the snapshot area; write the itable block (slots 1..31
     *     stamped), the root directory in slot 1 (generation 1), the itable inode, the snapshot
     *     (reserved blocks and the itable block in use) and block 0 with s_magic still 0; persist.
     * (2) store s_magic and persist. A crash before (2) leaves no valid super block, so a
     *     half-made pool is never mounted.
     */
    static void formatDevice(PmemDevice dev, long totalBlocks, UUID uuid, long now, int uid, int gid) {
        Geometry g = Geometry.forBlocks(totalBlocks);
        String problem = g.problem();
        if (problem != null) {
            throw new IllegalArgumentException("geometry for " + totalBlocks + " blocks: " + problem);
        }
        long reserved = OnMedia.blockOffset(g.dataBn());
        dev.fill(0, reserved, (byte) 0);
        long itableBn = g.dataBn();
        long itb = OnMedia.blockOffset(itableBn);
        dev.fill(itb, OnMedia.BLOCK_SIZE, (byte) 0);
        for (int s = 1; s < PER_BLOCK; s++) {
            dev.putLong(itb + ((long) s << SHIFT) + INO, s);
        }
        Inodes.Image root = new Inodes.Image(ROOT_INO, 1).mode(S_IFDIR | 0755).nlink(2).owner(uid, gid).times(now, now, now)
                .set64(DIR_PARENT, 0);
        dev.write(itb + (ROOT_INO << SHIFT), MemorySegment.ofArray(root.bytes), 0, SIZE);

        byte[] b0 = new byte[OnMedia.BLOCK_SIZE];
        MemorySegment m = MemorySegment.ofArray(b0);
        Inodes.Image it = new Inodes.Image(0, 0).mode(0755).owner(uid, gid).times(now, now, now).size(OnMedia.BLOCK_SIZE)
                .set64(ROOT, itableBn).set64(BLOCKS, 1);
        MemorySegment.copy(MemorySegment.ofArray(it.bytes), 0, m, ITABLE_INODE, SIZE);

        BlockAllocator alloc = new BlockAllocator(g);
        alloc.markUsed(itableBn);
        FlushSet fs = new FlushSet();
        AllocatorSnapshot.save(dev, g, alloc, 1, fs);
        SuperBlock sb = SuperBlock.fresh(uuid, g, now);
        sb = new SuperBlock(0, sb.version(), sb.magic(), uuid, sb.flags(), sb.t1Blocks(), 0, 1, sb.dev0Blocks(), sb.xMagic(),
                sb.xVersion(), g, 0, now, STATE_CLEAN, 0, alloc.freeBlocks(), 1, dev.getInt(X_SNAP_CRC));
        sb.encode(m);
        m.set(OnMedia.U32, MAGIC, 0);
        dev.write(0, m, 0, b0.length);
        dev.flush(0, reserved);
        dev.flush(itb, OnMedia.BLOCK_SIZE);
        dev.fence();
        dev.putInt(MAGIC, MAGIC_VALUE);
        dev.persist(MAGIC, Integer.BYTES);
    }

    /** The owner of a new root directory: the formatting process's uid and gid, as PMFS2's mkfs does. */
    static final class RootOwner {
        private RootOwner() {}

        static int uid() {
            try {
                return (int) new com.sun.security.auth.module.UnixSystem().getUid();
            } catch (RuntimeException | LinkageError e) {
                return 0;
            }
        }

        static int gid() {
            try {
                return (int) new com.sun.security.auth.module.UnixSystem().getGid();
            } catch (RuntimeException | LinkageError e) {
                return 0;
            }
        }
    }
}
