package org.pmnfs.vfs;

import java.io.IOException;
import java.util.Objects;

/**
 * An operation failed with a definite NFS status. Backends throw a subclass per condition; the
 * server's dispatcher turns it into the reply status. Any other {@link IOException} becomes
 * NFS3ERR_IO and any runtime exception NFS3ERR_SERVERFAULT.
 *
 * <p>Client mistakes (NOENT, EXIST, ...) are frequent and expected, so these exceptions carry no
 * stack trace unless a cause is given.
 */
public class NfsException extends IOException {

    private final NfsStatus status;

    public NfsException(NfsStatus status, String message) {
        super(message);
        this.status = Objects.requireNonNull(status, "status");
        if (status == NfsStatus.OK) {
            throw new IllegalArgumentException("an NfsException cannot carry NFS3_OK");
        }
    }

    public NfsException(NfsStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = Objects.requireNonNull(status, "status");
        if (status == NfsStatus.OK) {
            throw new IllegalArgumentException("an NfsException cannot carry NFS3_OK");
        }
    }

    public final NfsStatus status() {
        return status;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Expected outcomes are cheap; a cause keeps its own trace.
        return this;
    }

    @Override
    public String toString() {
        return "NFS3ERR_" + status + ": " + getMessage();
    }
}
