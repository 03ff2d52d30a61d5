package org.pmnfs.kv;

import java.nio.charset.StandardCharsets;

/**
 * The marker that makes a location a pmnfs kv store, in a RocksDB store's {@code PMNFS-KV} file and
 * under an etcd namespace's marker key alike: ASCII lines {@code pmnfs kv store},
 * {@code format-version=N} and {@code engine=NAME}. A marker without an engine line predates the
 * etcd engine and names RocksDB.
 */
record StoreMarker(int version, String engine) {

    /** The engine of a store in a directory. */
    static final String ROCKSDB = "rocksdb";
    /** The engine of a store in an etcd cluster. */
    static final String ETCD = "etcd";
    /** A marker is a few dozen bytes; anything longer is not ours. */
    static final int MAX_BYTES = 4096;

    private static final String MAGIC_LINE = "pmnfs kv store";
    private static final String VERSION_KEY = "format-version=";
    private static final String ENGINE_KEY = "engine=";

    byte[] encode() {
        return (MAGIC_LINE + "\n" + VERSION_KEY + version + "\n" + ENGINE_KEY + engine + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a marker; the message of the exception says what is wrong with it. */
    static StoreMarker decode(byte[] bytes) throws IllegalArgumentException {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("the marker has " + bytes.length + " bytes, more than a marker's " + MAX_BYTES);
        }
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\n");
        if (lines.length < 2 || !lines[0].equals(MAGIC_LINE) || !lines[1].startsWith(VERSION_KEY)) {
            throw new IllegalArgumentException("the marker is not a pmnfs kv marker (expected '" + MAGIC_LINE + "' and '"
                    + VERSION_KEY + "N')");
        }
        int version;
        try {
            version = Integer.parseInt(lines[1].substring(VERSION_KEY.length()).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the marker has an unreadable format version '" + lines[1] + "'", e);
        }
        String engine = ROCKSDB;
        for (int i = 2; i < lines.length; i++) {
            if (lines[i].startsWith(ENGINE_KEY)) {
                engine = lines[i].substring(ENGINE_KEY.length()).trim();
            }
        }
        return new StoreMarker(version, engine);
    }
}
