package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.InodeLayout.*;

import java.lang.foreign.MemorySegment;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileType;

/**
 * Inode fields as the rest of the backend sees them: the file type of a mode, attributes read
 * from an inode, and 128-byte images of new and freed inodes (written with one copy inside a
 * transaction).
 */
final class Inodes {

    private Inodes() {}

    /** The S_IFMT bits for an NFS file type. */
    static int typeBits(FileType t) {
        return switch (t) {
            case REGULAR -> S_IFREG;
            case DIRECTORY -> S_IFDIR;
            case SYMLINK -> S_IFLNK;
            case BLOCK -> S_IFBLK;
            case CHARACTER -> S_IFCHR;
            case SOCKET -> S_IFSOCK;
            case FIFO -> S_IFIFO;
        };
    }

    /** The NFS file type of a stored mode, or null when the type bits are not a known type. */
    static FileType typeOf(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFREG -> FileType.REGULAR;
            case S_IFDIR -> FileType.DIRECTORY;
            case S_IFLNK -> FileType.SYMLINK;
            case S_IFBLK -> FileType.BLOCK;
            case S_IFCHR -> FileType.CHARACTER;
            case S_IFSOCK -> FileType.SOCKET;
            case S_IFIFO -> FileType.FIFO;
            default -> null;
        };
    }

    static int mode(PmemDevice dev, long ip) {
        return dev.getShort(ip + MODE) & 0xffff;
    }

    static long nlink(PmemDevice dev, long ip) {
        return Integer.toUnsignedLong(dev.getInt(ip + NLINK));
    }

    static long size(PmemDevice dev, long ip) {
        return dev.getLong(ip + SIZE_FIELD);
    }

    static long generation(PmemDevice dev, long ip) {
        return dev.getLong(ip + GENERATION);
    }

    /** The attributes of the live inode {@code ino} at {@code ip}. */
    static FileAttributes attributes(PmemDevice dev, long fsid, long ino, long ip) {
        int mode = mode(dev, ip);
        FileType type = typeOf(mode);
        if (type == null) {
            throw new IllegalStateException("inode " + ino + " has mode 0" + Integer.toOctalString(mode)
                    + " with unknown type bits; run fsck");
        }
        int rdev = type == FileType.BLOCK || type == FileType.CHARACTER ? dev.getInt(ip + RDEV) : 0;
        long blocks = dev.getLong(ip + BLOCKS);
        return new FileAttributes(type, mode & PERM_MASK, nlink(dev, ip), dev.getInt(ip + UID), dev.getInt(ip + GID),
                size(dev, ip), blocks * OnMedia.BLOCK_SIZE, devMajor(rdev), devMinor(rdev), fsid, ino,
                dev.getLong(ip + ATIME), dev.getLong(ip + MTIME), dev.getLong(ip + CTIME));
    }

    /** A 128-byte inode image; i_ino is filled from the slot it is meant for. */
    static final class Image {
        final byte[] bytes = new byte[SIZE];
        private final MemorySegment m = MemorySegment.ofArray(bytes);

        Image(long ino, long generation) {
            m.set(OnMedia.U64, INO, ino);
            m.set(OnMedia.U64, GENERATION, generation);
        }

        Image mode(int mode) {
            m.set(OnMedia.U16, MODE, (short) mode);
            return this;
        }

        Image nlink(int n) {
            m.set(OnMedia.U32, NLINK, n);
            return this;
        }

        Image owner(int uid, int gid) {
            m.set(OnMedia.U32, UID, uid);
            m.set(OnMedia.U32, GID, gid);
            return this;
        }

        Image size(long size) {
            m.set(OnMedia.U64, SIZE_FIELD, size);
            return this;
        }

        Image times(long atime, long mtime, long ctime) {
            m.set(OnMedia.U64, ATIME, atime);
            m.set(OnMedia.U64, MTIME, mtime);
            m.set(OnMedia.U64, CTIME, ctime);
            return this;
        }

        Image set64(long offset, long value) {
            m.set(OnMedia.U64, offset, value);
            return this;
        }

        Image set32(long offset, int value) {
            m.set(OnMedia.U32, offset, value);
            return this;
        }

        Image union(byte[] data) {
            MemorySegment.copy(MemorySegment.ofArray(data), 0, m, UNION_OFFSET, Math.min(data.length, UNION_SIZE));
            return this;
        }

        /** Writes the image over the slot (the caller logged it). */
        void writeTo(Tx tx, long ip) {
            tx.write(ip, m, 0, SIZE);
        }
    }

    /** The next generation for a slot being reused: never 0, so a handle always names a use. */
    static long nextGeneration(long old) {
        long g = old + 1;
        return g == 0 ? 1 : g;
    }
}
