package org.pmnfs.vfs;

/** A name longer than the backend allows (NFS3ERR_NAMETOOLONG). */
public final class NameTooLongException extends NfsException {
    public NameTooLongException(String message) {
        super(NfsStatus.NAMETOOLONG, message);
    }

    public NameTooLongException(String message, Throwable cause) {
        super(NfsStatus.NAMETOOLONG, message, cause);
    }
}
