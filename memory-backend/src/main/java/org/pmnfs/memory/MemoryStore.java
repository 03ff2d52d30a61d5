package org.pmnfs.memory;

import java.util.concurrent.locks.Lock;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.NanoClock;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.NotDirException;
import org.pmnfs.vfs.SetAttributes;

/**
 * The state every part of a memory store shares: the inode table, the space account, the clock
 * and the store's identity, plus making and freeing inodes. Carries no operation logic.
 */
final class MemoryStore {

    /** Largest file: offsets are signed 64-bit in Java, and holes cost nothing. */
    static final long MAX_FILE_SIZE = Long.MAX_VALUE;
    /** Most links to one file (as ext4's EXT4_LINK_MAX). */
    static final int LINK_MAX = 65_000;
    /** Timestamp granularity: 1 ns, from {@link NanoClock}. */
    static final long TIME_DELTA_NANOS = 1;

    final MemoryBackendConfig config;
    final InodeTable inodes;
    final SpaceAccount space;
    final NanoClock clock;
    final long fsid;
    private final long verifierSeed;
    final MemoryDirectory root;

    MemoryStore(MemoryBackendConfig config, NanoClock clock, long fsid, long verifierSeed) throws NfsException {
        this.config = config;
        this.clock = clock;
        this.fsid = fsid;
        this.verifierSeed = verifierSeed;
        this.inodes = new InodeTable(new HandleCodec(HandleCodec.KIND_MEMORY, fsid));
        this.space = new SpaceAccount(config.capacityBytes());
        space.reserve(SpaceAccount.INODE_BYTES, "the root directory");
        this.root = newDirectory(null, SetAttributes.ofMode(0755), clock.now());
        if (root.ino() != InodeTable.ROOT_INO) {
            throw new IllegalStateException("the root got inode " + root.ino() + ", not " + InodeTable.ROOT_INO);
        }
    }

    long now() {
        return clock.now();
    }

    MemoryInode resolve(FileHandle handle) throws NfsException {
        return inodes.resolve(handle);
    }

    /** The directory {@code handle} names; NOTDIR when it names something else. */
    MemoryDirectory directory(FileHandle handle, String operation) throws NfsException {
        MemoryInode inode = inodes.resolve(handle);
        if (inode instanceof MemoryDirectory d) {
            return d;
        }
        throw new NotDirException(operation + ": " + inode + " is a " + inode.type() + ", not a directory");
    }

    // Factories: the caller holds the parent's write lock and has reserved the space.

    MemoryFile newFile(SetAttributes attributes, long now, boolean exclusive, long verifier) {
        return register(new MemoryFile(inodes.allocate(), attributes, now, config.blockSize(), exclusive, verifier));
    }

    MemoryDirectory newDirectory(MemoryDirectory parent, SetAttributes attributes, long now) {
        InodeIdentity id = inodes.allocate();
        return register(new MemoryDirectory(id, attributes, now, parent, cookieVerifier(id)));
    }

    MemorySymlink newSymlink(SetAttributes attributes, long now, byte[] target) {
        return register(new MemorySymlink(inodes.allocate(), attributes, now, target));
    }

    MemorySpecial newSpecial(SetAttributes attributes, long now, FileType type, int major, int minor) {
        return register(new MemorySpecial(inodes.allocate(), attributes, now, type, major, minor));
    }

    private <T extends MemoryInode> T register(T inode) {
        inode.publish();
        inodes.register(inode);
        return inode;
    }

    /**
     * Frees an inode whose last link went: its handle turns stale, its data and its inode cost
     * return to the space account. The caller holds the inode's write lock.
     */
    void free(MemoryInode inode) {
        inode.markDead();
        long data = switch (inode) {
            case MemoryFile f -> f.releaseData();
            case MemorySymlink s -> s.used();
            default -> 0;
        };
        inodes.release(inode);
        space.release(SpaceAccount.INODE_BYTES + data);
    }

    /** Frees every inode (closing the store), taking each one's write lock so no call is half done. */
    void freeAll() {
        for (MemoryInode inode : inodes.all()) {
            Lock l = inode.writeLock();
            l.lock();
            try {
                inode.markDead();
                if (inode instanceof MemoryFile f) {
                    f.releaseData();
                }
            } finally {
                l.unlock();
            }
        }
        inodes.clear();
    }

    /** A directory's cookie verifier: fixed for its life, different for a reused inode number, never 0. */
    private long cookieVerifier(InodeIdentity id) {
        long v = mix(verifierSeed ^ mix(id.ino() * 0x9E37_79B9_7F4A_7C15L + id.generation()));
        return v == 0 ? 1 : v;
    }

    /** A 64-bit finaliser (MurmurHash3's fmix64) to spread the bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51_afd7_ed55_8ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ce_b9fe_1a85_ec53L;
        return z ^ (z >>> 33);
    }
}
