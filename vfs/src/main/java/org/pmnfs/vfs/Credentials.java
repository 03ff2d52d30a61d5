package org.pmnfs.vfs;

import java.util.Arrays;

/**
 * Who is asking, after the export's squash rules: AUTH_SYS uid, gid and supplementary groups
 * (RFC 5531 appendix A). Backends never see credentials except in {@link FileSystemBackend#access}.
 */
public record Credentials(int uid, int gid, int[] groups) {

    /** AUTH_SYS allows at most 16 supplementary groups. */
    public static final int MAX_GROUPS = 16;

    public static final Credentials ROOT = new Credentials(0, 0, new int[0]);

    public Credentials {
        if (groups == null) {
            groups = new int[0];
        }
        if (groups.length > MAX_GROUPS) {
            throw new IllegalArgumentException("groups: at most " + MAX_GROUPS + ", got " + groups.length);
        }
        groups = groups.clone();
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    public boolean isRoot() {
        return uid == 0;
    }

    /** True when {@code g} is the primary group or a supplementary one. */
    public boolean inGroup(int g) {
        if (g == gid) {
            return true;
        }
        for (int x : groups) {
            if (x == g) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && c.uid == uid && c.gid == gid && Arrays.equals(c.groups, groups);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * uid + gid) + Arrays.hashCode(groups);
    }

    @Override
    public String toString() {
        return "uid=" + Integer.toUnsignedString(uid) + " gid=" + Integer.toUnsignedString(gid)
                + (groups.length == 0 ? "" : " groups=" + Arrays.toString(groups));
    }
}
