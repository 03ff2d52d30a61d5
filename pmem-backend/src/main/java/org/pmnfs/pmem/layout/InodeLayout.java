package org.pmnfs.pmem.layout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.pmnfs.pmem.layout.OnMedia.U16;
import static org.pmnfs.pmem.layout.OnMedia.U32;
import static org.pmnfs.pmem.layout.OnMedia.U64;
import static org.pmnfs.pmem.layout.OnMedia.U8;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

/**
 * The 128-byte PMFS2 inode (pmfs2_def.h, field for field the ZUFS {@code zus_inode}), the inode
 * table geometry, and the POSIX type bits stored in {@code i_mode}. pmnfs keeps every field;
 * its only addition is {@link #CREATE_VERIFIER} in the type union of regular files.
 */
public final class InodeLayout {

    private InodeLayout() {}

    /** The 32-byte union at offset 96 whose meaning depends on the file type. */
    private static final MemoryLayout UNION = MemoryLayout.sequenceLayout(32, U8);

    /** One inode, 128 bytes: two cache lines, 32 per itable block. */
    public static final StructLayout INODE = MemoryLayout.structLayout(
            U16.withName("i_flags"),
            U16.withName("i_mode"),
            U32.withName("i_nlink"),
            U64.withName("i_size"),
            U64.withName("i_root"),
            U8.withName("i_height"),
            MemoryLayout.paddingLayout(7),
            U64.withName("i_blocks"),
            U64.withName("i_mtime"),
            U64.withName("i_ctime"),
            U64.withName("i_atime"),
            U64.withName("i_ino"),
            U32.withName("i_uid"),
            U32.withName("i_gid"),
            U64.withName("i_xattr"),
            U64.withName("i_generation"),
            UNION.withName("i_u"));

    /** Bytes per inode (PMFS2: sizeof(struct pmfs2_inode) == 128). */
    public static final int SIZE = (int) INODE.byteSize();
    /** log2(SIZE). */
    public static final int SHIFT = 7;
    /** Inodes per itable block: 4096 / 128. */
    public static final int PER_BLOCK = OnMedia.BLOCK_SIZE / SIZE;
    /** log2(PER_BLOCK): ino >> this is the itable block index, ino & (PER_BLOCK-1) the slot. */
    public static final int PER_BLOCK_SHIFT = 5;

    /** u16 VFS inode flags; PMFS2 honours only ZUFS_S_IMMUTABLE. pmnfs writes 0. */
    public static final long FLAGS = off("i_flags");
    /** u16 S_IFMT type bits + permission bits. */
    public static final long MODE = off("i_mode");
    /** u32 hard links; 0 marks a free slot (PMFS2 recon.c trusts this). */
    public static final long NLINK = off("i_nlink");
    /** u64 bytes; directories 4096 x dirent blocks; symlinks the target length. */
    public static final long SIZE_FIELD = off("i_size");
    /** u64 bn of the radix root, or of the first dirent block for a directory. */
    public static final long ROOT = off("i_root");
    /** u8 radix height 0..3; shares the aligned 16-byte word with ROOT. */
    public static final long HEIGHT = off("i_height");
    /** u64 count of data blocks (index nodes are not counted), in 4096-byte units. */
    public static final long BLOCKS = off("i_blocks");
    /** u64 ns since the epoch. */
    public static final long MTIME = off("i_mtime");
    public static final long CTIME = off("i_ctime");
    public static final long ATIME = off("i_atime");
    /** u64 the slot's own inode number, stamped when the itable grows. */
    public static final long INO = off("i_ino");
    public static final long UID = off("i_uid");
    public static final long GID = off("i_gid");
    /** u64 reserved for an xattr block; always 0. */
    public static final long XATTR = off("i_xattr");
    /** u64 bumped by pmnfs every time the slot is reused; part of every file handle. */
    public static final long GENERATION = off("i_generation");
    /** Start of the 32-byte type union. */
    public static final long UNION_OFFSET = off("i_u");
    /** Bytes in the union. */
    public static final int UNION_SIZE = 32;

    /** chr/blk: u32 device number, Linux new_encode_dev format. */
    public static final long RDEV = UNION_OFFSET;
    /** Short symlink: the target, NUL-terminated, when shorter than {@link #SYMLINK_INLINE_MAX} + 1. */
    public static final long SYMLINK_INLINE = UNION_OFFSET;
    /** Longest target stored inline (31 bytes + NUL in the 32-byte union). */
    public static final int SYMLINK_INLINE_MAX = UNION_SIZE - 1;
    /** Long symlink: u64 pool byte offset of the target block (PMFS2 i_sym_dpp; re-derived from SYM_BN). */
    public static final long SYM_DPP = UNION_OFFSET;
    /** Long symlink: u64 bn of the target block. */
    public static final long SYM_BN = UNION_OFFSET + 8;
    /** Longest target a long symlink holds (one block, PMFS2 refuses >= 4096). */
    public static final int SYMLINK_MAX = OnMedia.BLOCK_SIZE - 1;
    /** Directory: u64 live entries. */
    public static final long DIR_NDENTS = UNION_OFFSET;
    /** Directory: u64 parent ino ("..", 0 for the root). */
    public static final long DIR_PARENT = UNION_OFFSET + 8;
    /**
     * pmnfs extension, regular files only: u64 EXCLUSIVE-create verifier (RFC 1813 section 3.3.8).
     * PMFS2 leaves this union unused for regular files.
     */
    public static final long CREATE_VERIFIER = UNION_OFFSET;

    /** Bytes of the inode that a data write may change (flags..atime), one cache line. */
    public static final int HOT_BYTES = 64;

    // POSIX S_IFMT bits as stored in i_mode (Linux <sys/stat.h>).
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    /** Permission bits including setuid, setgid and sticky. */
    public static final int PERM_MASK = 07777;

    /** The inode number whose slot is the root directory (PMFS2 pmfs2_pi_it_init). */
    public static final long ROOT_INO = 1;
    /** Largest link count (ZUFS_LINK_MAX). */
    public static final int LINK_MAX = 32000;

    /** DT_* code stored in a dirent for a mode: the S_IFMT bits shifted down by 12. */
    public static int direntType(int mode) {
        return (mode & S_IFMT) >>> 12;
    }

    /** Linux new_encode_dev: the u32 device number PMFS2 stores for chr/blk inodes. */
    public static int encodeDev(int major, int minor) {
        return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12);
    }

    public static int devMajor(int dev) {
        return (dev & 0xfff00) >>> 8;
    }

    public static int devMinor(int dev) {
        return (dev & 0xff) | ((dev >>> 12) & 0xfff00);
    }

    private static long off(String name) {
        return INODE.byteOffset(groupElement(name));
    }
}
