package org.pmnfs.vfs;

/** The operation is not supported by this backend (NFS3ERR_NOTSUPP). */
public final class NotSuppException extends NfsException {
    public NotSuppException(String message) {
        super(NfsStatus.NOTSUPP, message);
    }

    public NotSuppException(String message, Throwable cause) {
        super(NfsStatus.NOTSUPP, message, cause);
    }
}
