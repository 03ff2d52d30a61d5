package org.pmnfs.memory;

import java.util.Objects;
import org.pmnfs.vfs.FileHandle;

/**
 * Who an inode is: its number, the generation of that number, the handle naming both, and the
 * store's fsid. Fixed for the inode's life.
 */
record InodeIdentity(long ino, long generation, FileHandle handle, long fsid) {
    InodeIdentity {
        if (ino <= 0) {
            throw new IllegalArgumentException("ino: must be positive, got " + ino);
        }
        Objects.requireNonNull(handle, "handle");
    }
}
