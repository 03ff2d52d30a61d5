package org.pmnfs.vfs;

/** Quota exceeded (NFS3ERR_DQUOT). */
public final class DQuotException extends NfsException {
    public DQuotException(String message) {
        super(NfsStatus.DQUOT, message);
    }

    public DQuotException(String message, Throwable cause) {
        super(NfsStatus.DQUOT, message, cause);
    }
}
