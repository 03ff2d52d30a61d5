package org.pmnfs.pmem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.lang.foreign.Arena;
import java.util.UUID;
import jdk.nio.mapmode.ExtendedMapMode;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.pmem.layout.SuperBlock;
import org.pmnfs.pmem.layout.SuperBlockLayout;

/**
 * {@code pmnfs info}: what a pool's super block says, its usage, and how it would be mapped.
 * Reads only, takes no lock (so it works on a pool a server is using), writes nothing.
 *
 * @param path          the pool
 * @param deviceDax     true for a /dev/daxX.Y node
 * @param uuid          the pool uuid
 * @param version       s_version (major * 1024 + minor)
 * @param bytes         bytes the pool spans
 * @param totalBlocks   4 KiB blocks in the pool
 * @param dataBlocks    blocks that can hold data (after the super block, journal and snapshot)
 * @param journalLanes  concurrent metadata transactions
 * @param usedBlocks    data blocks in use, or -1 when unknown
 * @param usedInodes    live inodes, or -1 when unknown
 * @param usageSource   where the usage figures come from
 * @param clean         true when the pool was closed cleanly (the next mount skips the scan)
 * @param mountCount    times mounted
 * @param mountedNanos  last mount time, ns since the epoch (0 = never)
 * @param writtenNanos  last clean close or mkfs, ns since the epoch
 * @param mappingMode   MAP_SYNC or MSYNC as a read-write mapping would get, or null when it cannot be tried
 */
public record PoolInfo(Path path, boolean deviceDax, UUID uuid, int version, long bytes, long totalBlocks, long dataBlocks,
                       int journalLanes, long usedBlocks, long usedInodes, String usageSource, boolean clean,
                       long mountCount, long mountedNanos, long writtenNanos, MappingMode mappingMode) {

    public static PoolInfo read(Path path) throws IOException {
        try (PoolFile pf = PoolFile.open(path, PoolFile.Access.UNLOCKED, DaxSysfs.system())) {
            SuperBlock sb = Mount.readSuperBlock(pf);
            long bytes = sb.t1Blocks() * OnMedia.BLOCK_SIZE;
            long dataBlocks = sb.geometry().dataBlocks();
            long usedBlocks = -1;
            long usedInodes = -1;
            String source;
            if (sb.isClean()) {
                usedBlocks = dataBlocks - sb.snapFreeBlocks();
                usedInodes = sb.snapUsedInodes();
                source = "clean-close snapshot";
            } else {
                source = "unknown (in use, or not closed cleanly; run pmnfs fsck)";
                try (MappedDevice dev = MappedDevice.map(pf, bytes, MappedDevice.DEFAULT_CHUNK_SHIFT)) {
                    Checker ck = new Checker(dev, sb.geometry(), new BlockAllocator(sb.geometry()), FsckProgress.NONE).run();
                    usedBlocks = ck.usedBlocks();
                    usedInodes = ck.live;
                    source = "scan (the pool is in use or was not closed cleanly)";
                } catch (RuntimeException e) {
                    // A pool changing under the scan can show anything; report unknown.
                }
            }
            return new PoolInfo(path, pf.kind() == PoolFile.Kind.DEVICE_DAX, sb.uuid(), sb.version(), bytes, sb.t1Blocks(),
                    dataBlocks, sb.geometry().lanes(), usedBlocks, usedInodes, source, sb.isClean(), sb.mountCount(),
                    sb.mtime(), sb.wtime(), probeMapping(path, pf));
        }
    }

    /** Maps the first block read-write with MAP_SYNC and unmaps it at once (no store is made). */
    private static MappingMode probeMapping(Path path, PoolFile pf) {
        long len = Math.max(OnMedia.BLOCK_SIZE, pf.mapAlign());
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofConfined()) {
            try {
                ch.map(ExtendedMapMode.READ_WRITE_SYNC, 0, len, arena);
                return MappingMode.MAP_SYNC;
            } catch (IOException | UnsupportedOperationException e) {
                return MappingMode.MSYNC;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A human multi-line description. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("pool:          ").append(path).append(deviceDax ? " (device-DAX)" : "").append('\n');
        b.append("uuid:          ").append(uuid).append('\n');
        b.append("format:        PMFS2 ").append(version / SuperBlockLayout.MINORS_PER_MAJOR).append('.')
                .append(version % SuperBlockLayout.MINORS_PER_MAJOR)
                .append(" + pmnfs extension 1\n");
        b.append("size:          ").append(bytes).append(" bytes, ").append(totalBlocks).append(" blocks of 4096, ")
                .append(dataBlocks).append(" for data\n");
        b.append("journal:       ").append(journalLanes).append(" lanes\n");
        if (usedBlocks >= 0) {
            b.append("usage:         ").append(usedBlocks).append(" of ").append(dataBlocks).append(" blocks, ")
                    .append(usedInodes).append(" inodes (").append(usageSource).append(")\n");
        } else {
            b.append("usage:         ").append(usageSource).append('\n');
        }
        b.append("state:         ").append(clean ? "clean" : "in use or not closed cleanly").append('\n');
        b.append("mounts:        ").append(mountCount).append('\n');
        b.append("mapping:       ").append(mappingMode == null ? "unknown (no write access)" : mappingMode.description());
        return b.toString();
    }
}
