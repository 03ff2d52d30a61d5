package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.DirentLayout.*;

import java.lang.foreign.MemorySegment;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.vfs.FileName;

/**
 * Reads and changes the records of one PMFS2 dirent block in place (dir.c's layout, with every
 * change inside a {@link Tx}): first-fit insert that splits a free record, and remove that merges
 * with free neighbours so records never move and slot cookies stay valid.
 */
final class Dirents {

    private Dirents() {}

    static long rec(long blockOff, int slot) {
        return blockOff + slotOffset(slot);
    }

    static long ino(PmemDevice dev, long rec) {
        return dev.getLong(rec + INO);
    }

    static int nde(PmemDevice dev, long rec) {
        return dev.getByte(rec + NDE) & 0xff;
    }

    static int ndePrev(PmemDevice dev, long rec) {
        return dev.getByte(rec + NDE_PREV) & 0xff;
    }

    static int nameLen(PmemDevice dev, long rec) {
        return dev.getByte(rec + NAME_LEN) & 0xff;
    }

    static int type(PmemDevice dev, long rec) {
        return dev.getByte(rec + FILE_TYPE) & 0xff;
    }

    static byte[] name(PmemDevice dev, long rec) {
        byte[] b = new byte[nameLen(dev, rec)];
        dev.read(rec + NAME_OFFSET, MemorySegment.ofArray(b), 0, b.length);
        return b;
    }

    /**
     * Initialises a fresh block as the {@code index}-th of its chain: next 0, base_off, and one
     * free record spanning all 255 slots.
     */
    static void init(Tx tx, long bn, long index) {
        long b = OnMedia.blockOffset(bn);
        tx.fill(b, OnMedia.BLOCK_SIZE, (byte) 0);
        tx.putLong(b + BASE_OFF, baseOff(index));
        tx.putByte(rec(b, 0) + NDE, (byte) SLOTS);
    }

    /** Logs every range {@link #insert} of a {@code need}-slot record at {@code slot} will change (no stores). */
    static void logInsert(Tx tx, long blockOff, int slot, int need) {
        PmemDevice dev = tx.device();
        long r = rec(blockOff, slot);
        int free = nde(dev, r);
        boolean split = free > need;
        tx.undo(r, (need + (split ? 1 : 0)) * SLOT_SIZE);
        if (split && slot + free < SLOTS) {
            tx.undo(rec(blockOff, slot + free), SLOT_SIZE);
        }
    }

    /** Logs every range {@link #remove} of the record at {@code slot} will change (no stores). */
    static void logRemove(Tx tx, long blockOff, int slot) {
        PmemDevice dev = tx.device();
        long r = rec(blockOff, slot);
        int n = nde(dev, r);
        int p = ndePrev(dev, r);
        if (p > 0 && ino(dev, rec(blockOff, slot - p)) == 0) {
            tx.undo(rec(blockOff, slot - p), SLOT_SIZE);
        }
        tx.undo(r, n * SLOT_SIZE);
        int nextSlot = slot + n;
        int run = n;
        if (nextSlot < SLOTS && ino(dev, rec(blockOff, nextSlot)) == 0) {
            tx.undo(rec(blockOff, nextSlot), SLOT_SIZE);
            run += nde(dev, rec(blockOff, nextSlot));
        }
        if (slot + run < SLOTS) {
            tx.undo(rec(blockOff, slot + run), SLOT_SIZE);
        }
    }

    /**
     * Writes {@code name -> ino} into the free record at {@code slot} (which spans {@code free}
     * slots, at least {@code slotsFor(name.length())}); the rest stays a free record.
     */
    static void insert(Tx tx, long blockOff, int slot, FileName name, long ino, int type) {
        PmemDevice dev = tx.device();
        long r = rec(blockOff, slot);
        int free = nde(dev, r);
        int need = slotsFor(name.length());
        if (ino(dev, r) != 0 || free < need) {
            throw new IllegalStateException("slot " + slot + " of dirent block at " + blockOff + " is not a free record of "
                    + need + " slots");
        }
        boolean split = free > need;
        int next = slot + free;
        tx.undo(r, (need + (split ? 1 : 0)) * SLOT_SIZE);
        if (split && next < SLOTS) {
            tx.undo(rec(blockOff, next), SLOT_SIZE);
        }
        byte[] nb = name.bytes();
        tx.write(r + NAME_OFFSET, MemorySegment.ofArray(nb), 0, nb.length);
        tx.fill(r + NAME_OFFSET + nb.length, (long) need * SLOT_SIZE - NAME_OFFSET - nb.length, (byte) 0);
        tx.putByte(r + NDE, (byte) need);
        tx.putByte(r + NAME_LEN, (byte) nb.length);
        tx.putByte(r + FILE_TYPE, (byte) type);
        tx.putLong(r + INO, ino);
        if (split) {
            long rest = rec(blockOff, slot + need);
            tx.fill(rest, SLOT_SIZE, (byte) 0);
            tx.putByte(rest + NDE, (byte) (free - need));
            tx.putByte(rest + NDE_PREV, (byte) need);
            if (next < SLOTS) {
                tx.putByte(rec(blockOff, next) + NDE_PREV, (byte) (free - need));
            }
        }
    }

    /** Frees the record at {@code slot}, merging it with a free previous and a free next record. */
    static void remove(Tx tx, long blockOff, int slot) {
        PmemDevice dev = tx.device();
        long r = rec(blockOff, slot);
        int n = nde(dev, r);
        int p = ndePrev(dev, r);
        long prev = p > 0 ? rec(blockOff, slot - p) : -1;
        boolean prevFree = prev >= 0 && ino(dev, prev) == 0;
        int nextSlot = slot + n;
        long next = nextSlot < SLOTS ? rec(blockOff, nextSlot) : -1;
        boolean nextFree = next >= 0 && ino(dev, next) == 0;
        int run = n + (nextFree ? nde(dev, next) : 0);
        int afterSlot = slot + run;
        long after = afterSlot < SLOTS ? rec(blockOff, afterSlot) : -1;

        if (prevFree) {
            tx.undo(prev, SLOT_SIZE);
        }
        tx.undo(r, n * SLOT_SIZE);
        if (nextFree) {
            tx.undo(next, SLOT_SIZE);
        }
        if (after >= 0) {
            tx.undo(after, SLOT_SIZE);
        }

        tx.fill(r, (long) n * SLOT_SIZE, (byte) 0);
        if (nextFree) {
            tx.fill(next, SLOT_SIZE, (byte) 0);
        }
        int merged;
        if (prevFree) {
            merged = nde(dev, prev) + run;
            tx.putByte(prev + NDE, (byte) merged);
        } else {
            merged = run;
            tx.putByte(r + NDE, (byte) merged);
            tx.putByte(r + NDE_PREV, (byte) p);
        }
        if (after >= 0) {
            tx.putByte(after + NDE_PREV, (byte) merged);
        }
    }

    /** The largest free record of the block, in slots (0 if none). */
    static int largestFree(PmemDevice dev, long blockOff) {
        int best = 0;
        for (int s = 0; s < SLOTS; ) {
            long r = rec(blockOff, s);
            int n = nde(dev, r);
            if (n == 0) {
                break; // corrupt; fsck reports it
            }
            if (ino(dev, r) == 0 && n > best) {
                best = n;
            }
            s += n;
        }
        return best;
    }

    /** The first free record of at least {@code need} slots, or -1. */
    static int findFree(PmemDevice dev, long blockOff, int need) {
        for (int s = 0; s < SLOTS; ) {
            long r = rec(blockOff, s);
            int n = nde(dev, r);
            if (n == 0) {
                return -1;
            }
            if (ino(dev, r) == 0 && n >= need) {
                return s;
            }
            s += n;
        }
        return -1;
    }
}
