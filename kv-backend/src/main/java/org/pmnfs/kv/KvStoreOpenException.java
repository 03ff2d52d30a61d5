package org.pmnfs.kv;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The store (a directory, or an etcd namespace) was refused at open, and nothing in it was
 * changed. Each reason has its own subclass, so the CLI can say what to do next.
 */
public abstract sealed class KvStoreOpenException extends IOException
        permits KvStoreOpenException.NotAStore, KvStoreOpenException.UnsupportedFormat, KvStoreOpenException.Locked,
        KvStoreOpenException.WrongEngine {

    private final Path directory;
    private final String location;

    KvStoreOpenException(Path directory, String message, Throwable cause) {
        this(String.valueOf(directory), directory, message, cause);
    }

    KvStoreOpenException(String location, Path directory, String message, Throwable cause) {
        super(location + ": " + message, cause);
        this.directory = directory;
        this.location = location;
    }

    /** The directory that was refused; null for a store in an etcd cluster. */
    public Path directory() {
        return directory;
    }

    /** Where the refused store is: its directory, or its etcd namespace and endpoints. */
    public String location() {
        return location;
    }

    /** The directory does not hold a pmnfs kv store (missing, not a directory, foreign files, or damaged). */
    public static final class NotAStore extends KvStoreOpenException {
        NotAStore(Path directory, String message) {
            super(directory, message, null);
        }

        NotAStore(Path directory, String message, Throwable cause) {
            super(directory, message, cause);
        }

        NotAStore(String location, String message) {
            super(location, null, message, null);
        }
    }

    /** The store's format version is outside what this build reads (a newer pmnfs wrote it). */
    public static final class UnsupportedFormat extends KvStoreOpenException {
        private final int found;

        UnsupportedFormat(Path directory, int found, String message) {
            super(directory, message, null);
            this.found = found;
        }

        UnsupportedFormat(String location, int found, String message) {
            super(location, null, message, null);
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

    /** The store was made by another engine (e.g. an etcd store opened as RocksDB, or the reverse). */
    public static final class WrongEngine extends KvStoreOpenException {
        private final String found;

        WrongEngine(String location, Path directory, String found, String expected) {
            super(location, directory, "this store was made by the " + found + " engine, not " + expected
                    + "; open it with --kv-engine " + found, null);
            this.found = found;
        }

        /** The engine the store's marker names. */
        public String found() {
            return found;
        }
    }
}
