package org.pmnfs.memory;

import java.nio.ByteBuffer;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.NoSpcException;
import org.pmnfs.vfs.SetAttributes;

/**
 * A regular file of the memory store: its size, its blocks and, when CREATE EXCLUSIVE made it,
 * the client's verifier. Guarded by the inode lock like every inode field.
 */
final class MemoryFile extends MemoryInode {

    private final BlockMap blocks;
    private long size;
    private final boolean exclusive;
    private final long createVerifier;

    MemoryFile(InodeIdentity id, SetAttributes initial, long now, int blockSize, boolean exclusive, long createVerifier) {
        super(id, initial, 0644, 1, now);
        this.blocks = new BlockMap(blockSize);
        this.exclusive = exclusive;
        this.createVerifier = createVerifier;
    }

    @Override
    FileType type() {
        return FileType.REGULAR;
    }

    @Override
    long size() {
        return size;
    }

    @Override
    long used() {
        return blocks.allocatedBytes();
    }

    /** True when CREATE EXCLUSIVE with {@code verifier} made this file (a retransmission finds it). */
    boolean createdExclusivelyWith(long verifier) {
        return exclusive && createVerifier == verifier;
    }

    /** Copies up to {@code count} bytes at {@code offset} into {@code dst}; returns the count copied. Read lock held. */
    int read(long offset, int count, ByteBuffer dst) {
        if (offset < 0 || offset >= size) {
            return 0;
        }
        int n = (int) Math.min(count, size - offset);
        blocks.read(offset, n, dst);
        return n;
    }

    /**
     * Writes {@code total} bytes from {@code data} at {@code offset}, reserving the space first so
     * a NOSPC write changes nothing. The caller checked {@code offset + total} against the maximum
     * size. Write lock held.
     */
    void write(long offset, ByteBuffer[] data, long total, SpaceAccount space) throws NoSpcException {
        long growth = blocks.growthFor(offset, total);
        space.reserve(growth, "a write of " + total + " bytes at offset " + offset + " to inode " + ino());
        long pos = offset;
        long grown = 0;
        for (ByteBuffer b : data) {
            int n = b.remaining();
            grown += blocks.write(pos, b);
            pos += n;
        }
        if (grown != growth) {
            throw new IllegalStateException("inode " + ino() + ": a write grew " + grown + " bytes but reserved " + growth);
        }
        size = Math.max(size, offset + total);
    }

    /** Changes the size: shrinking frees blocks and zeroes the new tail, growing leaves a hole. Write lock held. */
    void resize(long newSize, SpaceAccount space) {
        if (newSize < size) {
            space.release(blocks.truncate(newSize));
        }
        size = newSize;
    }

    /** Frees every block (the file is going away); returns the bytes freed. Write lock held. */
    long releaseData() {
        size = 0;
        return blocks.clear();
    }
}
