package org.pmnfs.server.nlm;

/**
 * A lock request refused before it reaches the lock manager (the export rules, a stale handle, a
 * permission), with the status to answer. No stack trace: it describes the request.
 */
final class NlmRefusedException extends Exception {

    private final NlmStatus status;

    NlmRefusedException(NlmStatus status, String message) {
        super(message);
        this.status = status;
    }

    NlmStatus status() {
        return status;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
