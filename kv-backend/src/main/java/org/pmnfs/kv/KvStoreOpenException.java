package org.pmnfs.kv;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The store directory was refused at open, and nothing in it was changed. Each reason has its own
 * subclass, so the CLI can say what to do next.
 */
public abstract sealed class KvStoreOpenException extends IOException
        permits KvStoreOpenException.NotAStore, KvStoreOpenException.UnsupportedFormat, KvStoreOpenException.Locked {

    private final Path directory;

    KvStoreOpenException(Path directory, String message, Throwable cause) {
        super(directory + ": " + message, cause);
        this.directory = directory;
    }

    /** The directory that was refused. */
    public Path directory() {
        return directory;
    }

    /** The directory does not hold a pmnfs kv store (missing, not a directory, foreign files, or damaged). */
    public static final class NotAStore extends KvStoreOpenException {
        NotAStore(Path directory, String message) {
            super(directory, message, null);
        }

        NotAStore(Path directory, String message, Throwable cause) {
            super(directory, message, cause);
        }
    }

    /** The store's format version is outside what this build reads (a newer pmnfs wrote it). */
    public static final class UnsupportedFormat extends KvStoreOpenException {
        private final int found;

        UnsupportedFormat(Path directory, int found, String message) {
            super(directory, message, null);
            this.found = found;
        }

        /** The format version found in the store. */
        public int found() {
            return found;
        }
    }

    /** Another running pmnfs (in this or another process) has the store open. */
    public static final class Locked extends KvStoreOpenException {
        Locked(Path directory, String message, Throwable cause) {
            super(directory, message, cause);
        }
    }
}
