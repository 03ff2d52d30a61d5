package org.pmnfs.vfs;

/** An invalid argument (NFS3ERR_INVAL). */
public final class InvalException extends NfsException {
    public InvalException(String message) {
        super(NfsStatus.INVAL, message);
    }

    public InvalException(String message, Throwable cause) {
        super(NfsStatus.INVAL, message, cause);
    }
}
