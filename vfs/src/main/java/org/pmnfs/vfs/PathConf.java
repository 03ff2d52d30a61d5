package org.pmnfs.vfs;

/** POSIX pathconf values (PATHCONF, RFC 1813 section 3.3.20). */
public record PathConf(int linkMax, int nameMax, boolean noTrunc, boolean chownRestricted,
                       boolean caseInsensitive, boolean casePreserving) {
    public PathConf {
        if (linkMax <= 0 || nameMax <= 0) {
            throw new IllegalArgumentException("pathconf: linkMax and nameMax must be positive, got " + linkMax + ", " + nameMax);
        }
    }
}
