package org.pmnfs.kv;

import java.io.IOException;

/**
 * A kv store as its engine's opener hands it over: checked (marker, engine, format version),
 * formatted if it was new, and holding whatever keeps it ours (a directory's lock). Closing it
 * closes the engine.
 */
interface OpenedStore extends AutoCloseable {

    KvStore store();

    /** The store's format record. */
    FormatRecord format();

    /** Where the store is, for logs and messages. */
    String location();

    @Override
    void close() throws IOException;
}
