package org.pmnfs.memory;

import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.SetAttributes;

/** A FIFO, socket or device node of the memory store: only attributes and, for devices, rdev. */
final class MemorySpecial extends MemoryInode {

    private final FileType type;
    private final int rdevMajor;
    private final int rdevMinor;

    MemorySpecial(InodeIdentity id, SetAttributes initial, long now, FileType type, int rdevMajor, int rdevMinor) {
        super(id, initial, 0644, 1, now);
        if (type != FileType.FIFO && type != FileType.SOCKET && type != FileType.CHARACTER && type != FileType.BLOCK) {
            throw new IllegalArgumentException("type: " + type + " is not a special file type");
        }
        boolean device = type == FileType.CHARACTER || type == FileType.BLOCK;
        this.type = type;
        this.rdevMajor = device ? rdevMajor : 0;
        this.rdevMinor = device ? rdevMinor : 0;
    }

    @Override
    FileType type() {
        return type;
    }

    @Override
    long size() {
        return 0;
    }

    @Override
    long used() {
        return 0;
    }

    @Override
    int rdevMajor() {
        return rdevMajor;
    }

    @Override
    int rdevMinor() {
        return rdevMinor;
    }
}
