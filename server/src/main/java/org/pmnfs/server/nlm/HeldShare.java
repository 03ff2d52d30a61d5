package org.pmnfs.server.nlm;

import java.util.Objects;

/**
 * One DOS-style share reservation on a file (NLM SHARE): what its owner opened the file for
 * ({@code access}: bit 1 read, bit 2 write) and what it denies others ({@code mode}: bit 1 read,
 * bit 2 write), as fsh4_access and fsh4_mode encode them. A share has no svid: its owner's svid is 0.
 */
public record HeldShare(LockOwner owner, int access, int mode) {

    public HeldShare {
        Objects.requireNonNull(owner, "owner");
        if (access < 0 || access > 3 || mode < 0 || mode > 3) {
            throw new IllegalArgumentException("access and mode: 0..3, got " + access + " and " + mode);
        }
    }

    /** Whether this reservation keeps another owner from opening with {@code access} and denying {@code mode}. */
    boolean blocks(LockOwner other, int otherAccess, int otherMode) {
        return !owner.equals(other) && ((otherAccess & mode) != 0 || (otherMode & access) != 0);
    }

    @Override
    public String toString() {
        return "share access " + bits(access) + " deny " + bits(mode) + " held by " + owner;
    }

    private static String bits(int b) {
        return b == 0 ? "none" : ((b & 1) != 0 ? "r" : "") + ((b & 2) != 0 ? "w" : "");
    }
}
