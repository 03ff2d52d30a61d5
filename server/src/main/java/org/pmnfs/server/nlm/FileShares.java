package org.pmnfs.server.nlm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The share reservations (NLM SHARE/UNSHARE, for DOS and Windows clients) held on one file: a new
 * one is refused when its access meets another owner's deny mode or its deny mode meets another
 * owner's access; an owner's second SHARE replaces its first (as Linux lockd does).
 *
 * <p>Not thread-safe: {@link LockManager} guards it.
 */
final class FileShares {

    private final List<HeldShare> shares = new ArrayList<>();

    /** Takes the reservation, or returns the one in the way (changing nothing); null when granted. */
    HeldShare share(LockOwner owner, int access, int mode) {
        for (HeldShare s : shares) {
            if (s.blocks(owner, access, mode)) {
                return s;
            }
        }
        shares.removeIf(s -> s.owner().equals(owner));
        shares.add(new HeldShare(owner, access, mode));
        return null;
    }

    /** Drops {@code owner}'s reservation; true if it had one. */
    boolean unshare(LockOwner owner) {
        return shares.removeIf(s -> s.owner().equals(owner));
    }

    boolean release(Predicate<HeldShare> which) {
        return shares.removeIf(which);
    }

    boolean isEmpty() {
        return shares.isEmpty();
    }

    int size() {
        return shares.size();
    }

    List<HeldShare> shares() {
        return List.copyOf(shares);
    }
}
