package org.pmnfs.memory;

import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.SetAttributes;

/** A symbolic link of the memory store: its target bytes, kept exactly as the client sent them. */
final class MemorySymlink extends MemoryInode {

    private final byte[] target;

    MemorySymlink(InodeIdentity id, SetAttributes initial, long now, byte[] target) {
        super(id, initial, 0777, 1, now);
        this.target = target.clone();
    }

    @Override
    FileType type() {
        return FileType.SYMLINK;
    }

    @Override
    long size() {
        return target.length;
    }

    @Override
    long used() {
        return target.length;
    }

    /** A copy of the target (immutable, so no lock is needed). */
    byte[] target() {
        return target.clone();
    }
}
