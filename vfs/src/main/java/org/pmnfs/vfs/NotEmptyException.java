package org.pmnfs.vfs;

/** The directory is not empty (NFS3ERR_NOTEMPTY). */
public final class NotEmptyException extends NfsException {
    public NotEmptyException(String message) {
        super(NfsStatus.NOTEMPTY, message);
    }

    public NotEmptyException(String message, Throwable cause) {
        super(NfsStatus.NOTEMPTY, message, cause);
    }
}
