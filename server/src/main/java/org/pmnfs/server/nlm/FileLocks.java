package org.pmnfs.server.nlm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The byte-range locks held on one file, with POSIX semantics (fcntl(2), as Linux applies them): a
 * lock conflicts with another owner's overlapping lock when either is exclusive; an owner's new
 * lock replaces whatever that owner held in its range (upgrade, downgrade, split) and merges with
 * the owner's overlapping or adjacent locks of the same kind; unlocking a range may split a lock.
 * A refused request changes nothing. The locks of each owner are kept canonical: sorted, not
 * overlapping, adjacent locks of one kind merged.
 *
 * <p>Not thread-safe: {@link LockManager} guards it.
 */
final class FileLocks {

    private static final Comparator<HeldLock> BY_START = (a, b) -> Long.compareUnsigned(a.range().start(), b.range().start());

    private final List<HeldLock> locks = new ArrayList<>();

    /** The first lock of another owner that keeps this request from being granted, or null. */
    HeldLock conflict(LockOwner owner, LockRange range, boolean exclusive) {
        for (HeldLock l : locks) {
            if (l.blocks(owner, range, exclusive)) {
                return l;
            }
        }
        return null;
    }

    /**
     * Takes {@code range} for {@code owner}, or returns the lock that conflicts (changing nothing).
     * Returns null when granted.
     */
    HeldLock lock(LockOwner owner, LockRange range, boolean exclusive) {
        HeldLock conflict = conflict(owner, range, exclusive);
        if (conflict != null) {
            return conflict;
        }
        unlock(owner, range);
        // Merge with the owner's locks of the same kind that overlap or touch the new range.
        LockRange merged = range;
        for (int i = locks.size() - 1; i >= 0; i--) {
            HeldLock l = locks.get(i);
            if (l.owner().equals(owner) && l.exclusive() == exclusive && l.range().touches(merged)) {
                merged = merged.span(l.range());
                locks.remove(i);
            }
        }
        locks.add(new HeldLock(owner, merged, exclusive));
        locks.sort(BY_START);
        return null;
    }

    /** Releases {@code range} of {@code owner}'s locks, splitting a lock that straddles it. */
    void unlock(LockOwner owner, LockRange range) {
        List<HeldLock> kept = new ArrayList<>(locks.size() + 1);
        for (HeldLock l : locks) {
            if (!l.owner().equals(owner) || !l.range().overlaps(range)) {
                kept.add(l);
                continue;
            }
            LockRange r = l.range();
            if (Long.compareUnsigned(r.start(), range.start()) < 0) {
                kept.add(new HeldLock(owner, new LockRange(r.start(), range.start() - 1), l.exclusive()));
            }
            if (range.end() != LockRange.EOF && Long.compareUnsigned(r.end(), range.end()) > 0) {
                kept.add(new HeldLock(owner, new LockRange(range.end() + 1, r.end()), l.exclusive()));
            }
        }
        locks.clear();
        locks.addAll(kept);
        locks.sort(BY_START);
    }

    /** Drops every lock {@code which} selects (an owner's, a host's); true if any went. */
    boolean release(Predicate<HeldLock> which) {
        return locks.removeIf(which);
    }

    /** Whether {@code owner} holds all of {@code range} with a lock of this kind. */
    boolean holds(LockOwner owner, LockRange range, boolean exclusive) {
        long next = range.start();
        for (HeldLock l : locks) { // sorted by start
            if (!l.owner().equals(owner) || l.exclusive() != exclusive || !l.range().overlaps(new LockRange(next, range.end()))) {
                continue;
            }
            if (Long.compareUnsigned(l.range().start(), next) > 0) {
                return false;
            }
            if (Long.compareUnsigned(l.range().end(), range.end()) >= 0) {
                return true;
            }
            next = l.range().end() + 1;
        }
        return false;
    }

    boolean isEmpty() {
        return locks.isEmpty();
    }

    int size() {
        return locks.size();
    }

    /** The locks, sorted by start. */
    List<HeldLock> locks() {
        return List.copyOf(locks);
    }
}
