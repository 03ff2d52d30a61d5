package org.pmnfs.server.exports;

import java.nio.file.Path;

/** An exports file that cannot be used; the message names the file and line. */
public final class ExportsFileException extends Exception {

    private final int lineNumber;

    public ExportsFileException(Path file, int lineNumber, String problem) {
        super(file + ":" + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
    }

    public ExportsFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.lineNumber = 0;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int lineNumber() {
        return lineNumber;
    }
}
