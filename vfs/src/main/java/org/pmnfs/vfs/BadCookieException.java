package org.pmnfs.vfs;

/** A READDIR cookie or cookie verifier that is no longer valid (NFS3ERR_BAD_COOKIE). */
public final class BadCookieException extends NfsException {
    public BadCookieException(String message) {
        super(NfsStatus.BAD_COOKIE, message);
    }

    public BadCookieException(String message, Throwable cause) {
        super(NfsStatus.BAD_COOKIE, message, cause);
    }
}
