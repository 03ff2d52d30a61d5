package org.pmnfs.pmem;

import java.util.Objects;

/**
 * One inconsistency fsck found.
 *
 * @param kind       what is wrong
 * @param ino        the inode it concerns (0 for pool-wide problems)
 * @param message    what was found and where (offsets, block numbers, expected values)
 * @param repairable whether {@code --repair} knows a fix
 */
public record FsckProblem(Kind kind, long ino, String message, boolean repairable) {

    /** Kinds of problems, roughly in the order repair handles them. */
    public enum Kind {
        /** Unfinished transactions in the journal (mount and repair roll them back). */
        JOURNAL_OPEN(false),
        /** The inode table itself is damaged. */
        ITABLE(true),
        /** A slot's i_ino does not match its position. */
        ITABLE_STAMP(false),
        /** The root directory is missing or not a directory. */
        ROOT_DIR(true),
        /** A live inode's mode has no known file type. */
        BAD_MODE(true),
        /** A block pointer outside the data area. */
        BAD_POINTER(true),
        /** A block referenced twice (by two files, or twice in one). */
        DOUBLE_BLOCK(true),
        /** A dirent record whose slot counts or name length do not add up. */
        DIRENT_RECORD(true),
        /** A dirent whose name holds '/' or NUL. */
        DIRENT_NAME(false),
        /** A dirent naming a free or out-of-range inode. */
        DANGLING(true),
        /** The same name twice in one directory. */
        DUP_NAME(false),
        /** A dirent's file type byte disagrees with the inode's mode. */
        DIRENT_TYPE(false),
        /** i_dir_ndents disagrees with the live entries. */
        NDENTS(false),
        /** A directory's block count, size or cookie bases are off, or it is empty but keeps blocks. */
        DIR_SIZE(false),
        /** i_blocks disagrees with the data blocks mapped. */
        BLOCK_COUNT(false),
        /** Blocks mapped past the end of the file. */
        BEYOND_EOF(false),
        /** A symlink's length or block is invalid. */
        SYMLINK(false),
        /** A directory reachable through more than one entry. */
        DIR_LINKS(false),
        /** A directory's ".." (i_dir_parent) is not the directory holding it. */
        DOTDOT(false),
        /** A live inode no directory reaches (a leaked inode and its blocks). */
        ORPHAN(false),
        /** i_nlink disagrees with the entries naming the inode. */
        LINK_COUNT(false),
        /** The clean-close allocator snapshot disagrees with the blocks in use (leaked or double-allocatable blocks). */
        SNAPSHOT(false);

        private final boolean structural;

        Kind(boolean structural) {
            this.structural = structural;
        }

        /** Structural problems make mount refuse the pool (reading through them could go anywhere). */
        public boolean structural() {
            return structural;
        }
    }

    public FsckProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + (ino != 0 ? " inode " + ino : "") + ": " + message;
    }
}
