package org.pmnfs.vfs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The one file-handle format every backend uses: (backend kind, file system id, inode number,
 * generation), 28 bytes, big-endian.
 *
 * <pre>
 * offset size field
 *      0    2 magic 'p' 'h'  (a handle this server made)
 *      2    1 format version (1)
 *      3    1 backend kind   (MEMORY, PMEM, KV)
 *      4    8 fsid           (per store: a pool's uuid half, a kv store's id)
 *     12    8 inode number   (never 0)
 *     20    8 generation     (bumped when the inode number is reused)
 * </pre>
 *
 * Wrong length, magic, version or a zero inode is NFS3ERR_BADHANDLE. A well-formed handle for
 * another kind or file system is NFS3ERR_STALE; the backend itself decides staleness of the
 * (inode, generation) pair.
 */
public final class HandleCodec {

    public static final byte KIND_MEMORY = 1;
    public static final byte KIND_PMEM = 2;
    public static final byte KIND_KV = 3;

    /** Bytes in a handle. */
    public static final int LENGTH = 28;

    private static final byte MAGIC_0 = 'p';
    private static final byte MAGIC_1 = 'h';
    private static final byte VERSION = 1;
    private static final int OFF_KIND = 3;
    private static final int OFF_FSID = 4;
    private static final int OFF_INO = 12;
    private static final int OFF_GENERATION = 20;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** An inode number and the generation the handle was made for. */
    public record InodeRef(long ino, long generation) {}

    private final byte kind;
    private final long fsid;

    public HandleCodec(byte kind, long fsid) {
        if (kind != KIND_MEMORY && kind != KIND_PMEM && kind != KIND_KV) {
            throw new IllegalArgumentException("kind: unknown backend kind " + kind);
        }
        this.kind = kind;
        this.fsid = fsid;
    }

    public long fsid() {
        return fsid;
    }

    public FileHandle encode(long ino, long generation) {
        if (ino == 0) {
            throw new IllegalArgumentException("ino: 0 is never a valid inode number");
        }
        byte[] b = new byte[LENGTH];
        b[0] = MAGIC_0;
        b[1] = MAGIC_1;
        b[2] = VERSION;
        b[OFF_KIND] = kind;
        LONG_BE.set(b, OFF_FSID, fsid);
        LONG_BE.set(b, OFF_INO, ino);
        LONG_BE.set(b, OFF_GENERATION, generation);
        return new FileHandle(b);
    }

    /** The inode a handle names; BADHANDLE if malformed, STALE if it belongs to another store. */
    public InodeRef decode(FileHandle handle) throws NfsException {
        if (handle.length() != LENGTH || handle.byteAt(0) != MAGIC_0 || handle.byteAt(1) != MAGIC_1) {
            throw new BadHandleException("not a pmnfs handle: " + handle.length() + " bytes, " + handle);
        }
        if (handle.byteAt(2) != VERSION) {
            throw new BadHandleException("handle format version " + handle.byteAt(2) + " is not " + VERSION);
        }
        long ino = handle.longAt(OFF_INO);
        if (ino == 0) {
            throw new BadHandleException("handle names inode 0");
        }
        long handleFsid = handle.longAt(OFF_FSID);
        if (handle.byteAt(OFF_KIND) != kind || handleFsid != fsid) {
            throw new StaleException("handle belongs to another file system (kind " + handle.byteAt(OFF_KIND) + ", fsid "
                    + Long.toHexString(handleFsid) + ")");
        }
        return new InodeRef(ino, handle.longAt(OFF_GENERATION));
    }
}
