package org.pmnfs.memory;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.StaleException;

/**
 * The live inodes of a memory store by number, and the numbers free for reuse. A freed number
 * comes back with its generation raised by one, so handles of the object that had it turn stale
 * (RFC 1813 section 4.1) while inode numbers stay small. Lock-free: a concurrent map and queue.
 */
final class InodeTable {

    /** The root's inode number; 0 is never used (the handle codec refuses it). */
    static final long ROOT_INO = 1;
    /** The generation of a number's first use. */
    static final long FIRST_GENERATION = 1;

    /** A number waiting for reuse, and the generation its next user gets. */
    private record Freed(long ino, long nextGeneration) {}

    private final HandleCodec codec;
    private final ConcurrentHashMap<Long, MemoryInode> live = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Freed> freed = new ConcurrentLinkedQueue<>();
    private final AtomicLong nextIno = new AtomicLong(ROOT_INO);

    InodeTable(HandleCodec codec) {
        this.codec = codec;
    }

    /** A number and generation for a new inode: a freed number if there is one, else a new one. */
    InodeIdentity allocate() {
        Freed f = freed.poll();
        long ino = f != null ? f.ino() : nextIno.getAndIncrement();
        long generation = f != null ? f.nextGeneration() : FIRST_GENERATION;
        return new InodeIdentity(ino, generation, codec.encode(ino, generation), codec.fsid());
    }

    /** Makes {@code inode} findable by its handle. */
    void register(MemoryInode inode) {
        MemoryInode previous = live.putIfAbsent(inode.ino(), inode);
        if (previous != null) {
            throw new IllegalStateException("inode number " + inode.ino() + " is already live");
        }
    }

    /** Forgets {@code inode} and queues its number for reuse under the next generation. */
    void release(MemoryInode inode) {
        if (live.remove(inode.ino(), inode)) {
            freed.add(new Freed(inode.ino(), inode.id.generation() + 1));
        }
    }

    /** The live inode {@code handle} names: BADHANDLE if malformed, STALE if gone or of another store. */
    MemoryInode resolve(FileHandle handle) throws NfsException {
        HandleCodec.InodeRef ref = codec.decode(handle);
        MemoryInode inode = live.get(ref.ino());
        if (inode == null) {
            throw new StaleException("inode " + ref.ino() + " does not exist (" + handle + ")");
        }
        if (inode.id.generation() != ref.generation()) {
            throw new StaleException("inode " + ref.ino() + " is generation " + inode.id.generation()
                    + ", the handle names generation " + ref.generation());
        }
        return inode;
    }

    int liveCount() {
        return live.size();
    }

    /** Every live inode, for closing the store. */
    Collection<MemoryInode> all() {
        return live.values();
    }

    void clear() {
        live.clear();
        freed.clear();
    }
}
