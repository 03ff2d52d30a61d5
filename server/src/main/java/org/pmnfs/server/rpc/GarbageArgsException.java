package org.pmnfs.server.rpc;

import java.io.IOException;

/**
 * The arguments of a call could not be decoded (a length past its limit or past the end of the
 * record, an unknown enum value): the server answers GARBAGE_ARGS and logs one WARN line. Carries
 * no stack trace, because it describes the client's bytes, not a server fault.
 */
public final class GarbageArgsException extends IOException {

    public GarbageArgsException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
