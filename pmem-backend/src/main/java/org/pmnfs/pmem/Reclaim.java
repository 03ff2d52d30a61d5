package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.InodeLayout.*;

import org.pmnfs.pmem.layout.DirentLayout;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.vfs.FileType;

/**
 * Frees an inode's storage inside a transaction: its radix tree, long-symlink block or dirent
 * chain, then the slot itself (zeroed except i_ino and i_generation, so the next user bumps the
 * generation). Shared by REMOVE/RMDIR/RENAME and by orphan reclaim at mount and in fsck.
 */
final class Reclaim {

    private Reclaim() {}

    static void freeInode(Tx tx, long ino, long ip, FileType t) {
        PmemDevice dev = tx.device();
        tx.undo(ip, SIZE);
        if (t == FileType.REGULAR) {
            RadixTree.truncate(tx, ip, 0);
        } else if (t == FileType.SYMLINK && Inodes.size(dev, ip) > SYMLINK_INLINE_MAX) {
            long bn = dev.getLong(ip + SYM_BN);
            if (bn != 0) {
                tx.freeBlock(bn);
            }
        } else if (t == FileType.DIRECTORY) {
            freeChain(tx, ip);
        }
        new Inodes.Image(ino, Inodes.generation(dev, ip)).writeTo(tx, ip);
    }

    /** Frees a directory's whole dirent chain and zeroes root, blocks and size (the inode is logged by the caller). */
    static void freeChain(Tx tx, long ip) {
        PmemDevice dev = tx.device();
        long bn = dev.getLong(ip + ROOT);
        long limit = dev.getLong(ip + BLOCKS);
        for (long k = 0; bn != 0 && k <= limit; k++) {
            tx.freeBlock(bn);
            bn = dev.getLong(OnMedia.blockOffset(bn) + DirentLayout.NEXT);
        }
        tx.putLong(ip + ROOT, 0);
        tx.putLong(ip + BLOCKS, 0);
        tx.putLong(ip + SIZE_FIELD, 0);
    }
}
