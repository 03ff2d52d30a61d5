package org.pmnfs.vfs;

/** The file would grow past the backend's maximum size (NFS3ERR_FBIG). */
public final class FBigException extends NfsException {
    public FBigException(String message) {
        super(NfsStatus.FBIG, message);
    }

    public FBigException(String message, Throwable cause) {
        super(NfsStatus.FBIG, message, cause);
    }
}
