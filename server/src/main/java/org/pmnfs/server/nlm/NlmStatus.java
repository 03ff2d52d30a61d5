package org.pmnfs.server.nlm;

/**
 * nlm4_stats (RFC 1813 / X/Open NLM version 4), with how versions 1 and 3, which know only the
 * first five, see the others (as Linux lockd maps them, fs/lockd/svcproc.c cast_status).
 */
public enum NlmStatus {
    GRANTED(0),
    DENIED(1),
    DENIED_NOLOCKS(2),
    BLOCKED(3),
    DENIED_GRACE_PERIOD(4),
    DEADLCK(5),
    ROFS(6),
    STALE_FH(7),
    FBIG(8),
    FAILED(9);

    private final int code;

    NlmStatus(int code) {
        this.code = code;
    }

    /** The value on the wire for NLM {@code version}. */
    public int code(int version) {
        if (version >= 4 || code <= 4) {
            return code;
        }
        return this == DEADLCK ? DENIED.code : DENIED_NOLOCKS.code;
    }

    /** The status a v4 (or narrower) code stands for; null for an unknown one. */
    public static NlmStatus of(int code) {
        NlmStatus[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }
}
