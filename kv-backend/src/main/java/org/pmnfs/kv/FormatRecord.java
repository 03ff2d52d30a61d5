package org.pmnfs.kv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The store's identity under key {@code 'F'}: magic, format version, file system id (part of every
 * handle) and the chunk size the data was cut into. Written once, when the store is formatted.
 *
 * <pre>
 * offset size field
 *      0    8 magic "PMNFS-KV"
 *      8    4 format version
 *     12    4 chunk size in bytes
 *     16    8 fsid (random, never 0)
 *     24    8 creation time, ns since the epoch
 * </pre>
 */
record FormatRecord(int version, int chunkSize, long fsid, long createdNanos) {

    /** The format this build writes. */
    static final int FORMAT_VERSION = 1;
    /** Oldest format this build reads. */
    static final int READ_MIN = 1;
    /** Newest format this build reads. */
    static final int READ_MAX = 1;

    static final byte[] MAGIC = "PMNFS-KV".getBytes(StandardCharsets.US_ASCII);
    static final int BYTES = 32;

    /** Why a store of format {@code version} (read from {@code where}) cannot be read by this build, or null. */
    static String unreadable(int version, String where) {
        if (version > READ_MAX) {
            return where + " says format version " + version + ", newer than the newest this pmnfs reads (" + READ_MAX
                    + "); upgrade pmnfs";
        }
        if (version < READ_MIN) {
            return where + " says format version " + version + ", older than the oldest this pmnfs reads (" + READ_MIN + ")";
        }
        return null;
    }

    byte[] encode() {
        return ByteBuffer.allocate(BYTES).put(MAGIC).putInt(version).putInt(chunkSize).putLong(fsid)
                .putLong(createdNanos).array();
    }

    /** The record in {@code value}, or null when it is not a format record at all. */
    static FormatRecord decode(byte[] value) {
        if (value == null || value.length < BYTES || !Arrays.equals(value, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        b.position(MAGIC.length);
        return new FormatRecord(b.getInt(), b.getInt(), b.getLong(), b.getLong());
    }
}
