package org.pmnfs.vfs;

/** The reply buffer is too small for even one entry (NFS3ERR_TOOSMALL). */
public final class TooSmallException extends NfsException {
    public TooSmallException(String message) {
        super(NfsStatus.TOOSMALL, message);
    }

    public TooSmallException(String message, Throwable cause) {
        super(NfsStatus.TOOSMALL, message, cause);
    }
}
