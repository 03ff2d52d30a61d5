package org.pmnfs.server.testing;

import org.dcache.oncrpc4j.xdr.Xdr;

/**
 * A decoded RPC reply as a test sees it (RFC 5531 section 9): accepted or denied, the status words,
 * the version range of a mismatch, and the body of a SUCCESS reply positioned after the header.
 */
public record RpcReply(int xid, boolean accepted, int acceptStat, int rejectStat, int authStat, int low, int high, Xdr body) {

    public static final int SUCCESS = 0;
    public static final int PROG_UNAVAIL = 1;
    public static final int PROG_MISMATCH = 2;
    public static final int PROC_UNAVAIL = 3;
    public static final int GARBAGE_ARGS = 4;
    public static final int SYSTEM_ERR = 5;

    public static final int RPC_MISMATCH = 0;
    public static final int AUTH_ERROR = 1;

    public static final int AUTH_BADCRED = 1;
    public static final int AUTH_BADVERF = 3;

    public boolean isSuccess() {
        return accepted && acceptStat == SUCCESS;
    }

    /** A readable summary for assertion messages. */
    public String describe() {
        if (accepted) {
            return "accepted, accept_stat " + acceptStat + (acceptStat == PROG_MISMATCH ? " (" + low + ".." + high + ")" : "");
        }
        return "denied, reject_stat " + rejectStat + (rejectStat == RPC_MISMATCH ? " (" + low + ".." + high + ")" : ", auth_stat " + authStat);
    }
}
