package org.pmnfs.server.nlm;

import java.util.Objects;

/**
 * One lock held on a file: its owner, range and whether it is exclusive (a write lock) or shared
 * (a read lock).
 */
public record HeldLock(LockOwner owner, LockRange range, boolean exclusive) {

    public HeldLock {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(range, "range");
    }

    /** Whether this lock keeps {@code other} (of {@code range}, exclusive or not) from being granted. */
    boolean blocks(LockOwner other, LockRange otherRange, boolean otherExclusive) {
        return !owner.equals(other) && (exclusive || otherExclusive) && range.overlaps(otherRange);
    }

    @Override
    public String toString() {
        return (exclusive ? "exclusive " : "shared ") + range + " held by " + owner;
    }
}
