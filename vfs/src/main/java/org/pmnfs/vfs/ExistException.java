package org.pmnfs.vfs;

/** The name already exists (NFS3ERR_EXIST). */
public final class ExistException extends NfsException {
    public ExistException(String message) {
        super(NfsStatus.EXIST, message);
    }

    public ExistException(String message, Throwable cause) {
        super(NfsStatus.EXIST, message, cause);
    }
}
