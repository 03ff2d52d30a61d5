package org.pmnfs.server.exports;

/** Which callers an export maps to the anonymous uid/gid (exports(5) user id mapping). */
public enum Squash {
    /** no_root_squash: trust every uid, root included. */
    NONE,
    /** root_squash: uid 0 becomes anonuid and gid 0 becomes anongid. */
    ROOT,
    /** all_squash: every caller becomes anonuid/anongid. */
    ALL
}
