package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.SuperBlockLayout.*;

import java.lang.foreign.MemorySegment;
import org.pmnfs.pmem.PoolException.Reason;
import org.pmnfs.pmem.layout.InodeLayout;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.pmem.layout.RadixLayout;
import org.pmnfs.pmem.layout.SuperBlock;

/**
 * Decides whether block 0 describes a pool this code may mount: magic, checksum, format
 * version (against the supported range), the pmnfs extension, geometry, and the device size.
 * Reads a copy of block 0; never writes.
 */
final class SuperBlockCheck {

    private SuperBlockCheck() {}

    /** The validated super block of {@code name}, whose device has {@code deviceBytes} bytes. */
    static SuperBlock validate(String name, MemorySegment block0, long deviceBytes) throws PoolException {
        SuperBlock sb = SuperBlock.decode(block0);
        if (sb.magic() != MAGIC_VALUE) {
            throw new PoolException(Reason.BAD_MAGIC, "pool " + name + " has no PMFS2 super block: magic at byte " + MAGIC
                    + " is 0x" + Integer.toHexString(sb.magic()) + ", expected 0x" + Integer.toHexString(MAGIC_VALUE)
                    + " (format it with pmnfs mkfs)");
        }
        int computed = SuperBlock.computeCrc(block0);
        if (computed != sb.sum()) {
            throw new PoolException(Reason.BAD_CRC, "pool " + name + ": super block checksum 0x" + Integer.toHexString(sb.sum())
                    + " does not match its contents (CRC-16 of bytes [" + CRC_START + ", " + CRC_END + ") is 0x"
                    + Integer.toHexString(computed) + "); block 0 is damaged");
        }
        if (sb.major() != SUPPORTED_MAJOR || sb.minor() > SUPPORTED_MINOR) {
            throw new PoolException(Reason.UNSUPPORTED_VERSION, "pool " + name + ": format version " + sb.major() + "."
                    + sb.minor() + " (s_version " + sb.version() + ") is not readable by this pmnfs, which reads "
                    + SUPPORTED_MAJOR + ".0 to " + SUPPORTED_MAJOR + "." + SUPPORTED_MINOR);
        }
        if (!sb.hasPmnfsExtension()) {
            throw new PoolException(Reason.NOT_PMNFS, "pool " + name + " is a PMFS2 pool without the pmnfs extension "
                    + "(no journal area); pmnfs cannot mount it crash-safely. Reformat with pmnfs mkfs --force (destroys its data)");
        }
        if (sb.xVersion() != X_VERSION_VALUE) {
            throw new PoolException(Reason.UNSUPPORTED_VERSION, "pool " + name + ": pmnfs extension version " + sb.xVersion()
                    + " is not readable by this pmnfs, which reads version " + X_VERSION_VALUE);
        }
        if (sb.t2Blocks() != 0 || sb.t1Count() != 1) {
            throw new PoolException(Reason.BAD_GEOMETRY, "pool " + name + " spans " + sb.t1Count() + " pmem devices and "
                    + sb.t2Blocks() + " tier-2 blocks; pmnfs supports exactly one pmem device");
        }
        long blocks = sb.t1Blocks();
        if (blocks < MIN_BLOCKS || blocks % (SIZE_ALIGNMENT / OnMedia.BLOCK_SIZE) != 0 || sb.dev0Blocks() != blocks) {
            throw new PoolException(Reason.BAD_GEOMETRY, "pool " + name + ": " + blocks + " blocks (device entry "
                    + sb.dev0Blocks() + ") is not a multiple of 512 blocks (2 MiB) of at least " + MIN_BLOCKS);
        }
        String problem = sb.geometry().problem();
        if (problem != null) {
            throw new PoolException(Reason.BAD_GEOMETRY, "pool " + name + ": " + problem);
        }
        long needed = blocks * OnMedia.BLOCK_SIZE;
        if (deviceBytes < needed) {
            throw new PoolException(Reason.TRUNCATED, "pool " + name + " is " + deviceBytes + " bytes but its super block "
                    + "records " + blocks + " blocks (" + needed + " bytes); the file was truncated or the device shrank");
        }
        long it = ITABLE_INODE;
        int height = block0.get(OnMedia.U8, it + InodeLayout.HEIGHT) & 0xff;
        long itSize = block0.get(OnMedia.U64, it + InodeLayout.SIZE_FIELD);
        if (height > RadixLayout.MAX_HEIGHT || itSize < OnMedia.BLOCK_SIZE || itSize % OnMedia.BLOCK_SIZE != 0) {
            throw new PoolException(Reason.CORRUPT, "pool " + name + ": inode-table inode at byte " + it + " has height "
                    + height + " and size " + itSize + "; expected height <= 3 and a positive multiple of 4096");
        }
        return sb;
    }
}
