package org.pmnfs.vfs;

/** No space left on the store (NFS3ERR_NOSPC). */
public final class NoSpcException extends NfsException {
    public NoSpcException(String message) {
        super(NfsStatus.NOSPC, message);
    }

    public NoSpcException(String message, Throwable cause) {
        super(NfsStatus.NOSPC, message, cause);
    }
}
