package org.pmnfs.vfs;

/** No such file or directory (NFS3ERR_NOENT). */
public final class NoEntException extends NfsException {
    public NoEntException(String message) {
        super(NfsStatus.NOENT, message);
    }

    public NoEntException(String message, Throwable cause) {
        super(NfsStatus.NOENT, message, cause);
    }
}
