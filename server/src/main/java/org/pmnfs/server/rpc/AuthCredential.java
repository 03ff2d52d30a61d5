package org.pmnfs.server.rpc;

import java.util.Arrays;
import java.util.Objects;

/**
 * The caller's identity as sent (RFC 5531 section 8.2 and appendix A): AUTH_NONE, or AUTH_SYS with
 * uid, gid and up to 16 supplementary gids. Export squashing is applied later by the programs.
 *
 * @param flavor {@link #AUTH_NONE} or {@link #AUTH_SYS}
 * @param uid    AUTH_SYS uid (unsigned; -1 for AUTH_NONE)
 * @param gid    AUTH_SYS primary gid (unsigned; -1 for AUTH_NONE)
 * @param gids   AUTH_SYS supplementary gids, at most {@link #MAX_GIDS}
 */
public record AuthCredential(int flavor, int uid, int gid, int[] gids) {

    public static final int AUTH_NONE = 0;
    public static final int AUTH_SYS = 1;

    /** The AUTH_NONE credential (no identity). */
    public static final AuthCredential NONE = new AuthCredential(AUTH_NONE, -1, -1, new int[0]);

    /** AUTH_SYS carries at most 16 supplementary gids (RFC 5531 appendix A). */
    public static final int MAX_GIDS = 16;

    public AuthCredential {
        if (flavor != AUTH_NONE && flavor != AUTH_SYS) {
            throw new IllegalArgumentException("flavor: AUTH_NONE or AUTH_SYS, got " + flavor);
        }
        if (gids.length > MAX_GIDS) {
            throw new IllegalArgumentException("gids: at most " + MAX_GIDS + ", got " + gids.length);
        }
        gids = gids.clone();
    }

    public boolean isAuthSys() {
        return flavor == AUTH_SYS;
    }

    @Override
    public int[] gids() {
        return gids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthCredential c && c.flavor == flavor && c.uid == uid && c.gid == gid
                && Arrays.equals(c.gids, gids);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flavor, uid, gid, Arrays.hashCode(gids));
    }

    @Override
    public String toString() {
        return flavor == AUTH_NONE ? "AUTH_NONE"
                : "AUTH_SYS uid=" + Integer.toUnsignedString(uid) + " gid=" + Integer.toUnsignedString(gid)
                        + " gids=" + Arrays.toString(gids);
    }
}
