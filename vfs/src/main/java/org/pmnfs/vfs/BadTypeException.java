package org.pmnfs.vfs;

/** An object type the backend does not support (NFS3ERR_BADTYPE). */
public final class BadTypeException extends NfsException {
    public BadTypeException(String message) {
        super(NfsStatus.BADTYPE, message);
    }

    public BadTypeException(String message, Throwable cause) {
        super(NfsStatus.BADTYPE, message, cause);
    }
}
