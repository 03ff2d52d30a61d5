package org.pmnfs.kv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.pmnfs.vfs.FileName;

/**
 * The one home of the store's key layout: a one-byte prefix per kind of record, then big-endian
 * ids, so that an ordered scan over a prefix visits ids in ascending order. See
 * {@code kv-backend/docs/format.md} for the values stored under each key.
 *
 * <pre>
 * key                                  value
 * 'F'                                  format record (magic, version, fsid, chunk size)
 * 'N' counter-name                     counter (8 bytes)
 * 'I' ino(8)                           inode attributes ({@link InodeRecord})
 * 'D' dir-ino(8) name                  directory entry by name: child ino, type, cookie
 * 'K' dir-ino(8) cookie(8)             directory entry by cookie: child ino, type, name
 * 'C' ino(8) chunk-index(8)            one data chunk (at most the chunk size)
 * 'S' ino(8)                           symbolic link target
 * </pre>
 *
 * Lookup is a point get on 'D'; a listing scans 'K' from a cookie, so cookies stay valid per
 * entry whatever is inserted or removed. Ids compare as unsigned 64-bit values.
 */
final class KeyCodec {

    static final byte FORMAT = 'F';
    static final byte COUNTER = 'N';
    static final byte INODE = 'I';
    static final byte DIRENT = 'D';
    static final byte COOKIE = 'K';
    static final byte CHUNK = 'C';
    static final byte SYMLINK = 'S';

    /** Counter: the first inode number not yet reserved by the allocator. */
    static final String COUNTER_NEXT_INO = "next-ino";
    /** Counter: how many times the store was opened for writing (feeds the write verifier). */
    static final String COUNTER_OPENS = "opens";

    /** Bytes in one big-endian id. */
    static final int ID_BYTES = Long.BYTES;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private KeyCodec() {}

    static byte[] format() {
        return new byte[] {FORMAT};
    }

    static byte[] counter(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] k = new byte[1 + n.length];
        k[0] = COUNTER;
        System.arraycopy(n, 0, k, 1, n.length);
        return k;
    }

    static byte[] inode(long ino) {
        return prefixed(INODE, ino);
    }

    /** The first key of the inode table and the key past its end. */
    static byte[] inodesStart() {
        return kindStart(INODE);
    }

    static byte[] inodesEnd() {
        return kindEnd(INODE);
    }

    static byte[] dirent(long dir, FileName name) {
        byte[] k = new byte[1 + ID_BYTES + name.length()];
        k[0] = DIRENT;
        LONG_BE.set(k, 1, dir);
        name.copyTo(k, 1 + ID_BYTES);
        return k;
    }

    /** The first key of {@code dir}'s entries by name; {@link #direntsEnd} is past the last. */
    static byte[] direntsStart(long dir) {
        return prefixed(DIRENT, dir);
    }

    static byte[] direntsEnd(long dir) {
        return after(DIRENT, dir);
    }

    static byte[] cookie(long dir, long cookie) {
        return prefixed(COOKIE, dir, cookie);
    }

    static byte[] cookiesEnd(long dir) {
        return after(COOKIE, dir);
    }

    static byte[] chunk(long ino, long index) {
        return prefixed(CHUNK, ino, index);
    }

    /** The key past the last chunk of {@code ino}. */
    static byte[] chunksEnd(long ino) {
        return after(CHUNK, ino);
    }

    static byte[] symlink(long ino) {
        return prefixed(SYMLINK, ino);
    }

    /** The first key of a whole kind of record, and the key past its last. */
    static byte[] kindStart(byte kind) {
        return new byte[] {kind};
    }

    static byte[] kindEnd(byte kind) {
        return new byte[] {(byte) (kind + 1)};
    }

    /** The kind byte of {@code key}. */
    static byte kind(byte[] key) {
        return key[0];
    }

    /** The first id of an 'I', 'D', 'K', 'C' or 'S' key. */
    static long id(byte[] key) {
        requireLength(key, 1 + ID_BYTES);
        return (long) LONG_BE.get(key, 1);
    }

    /** The second id of a 'K' (cookie) or 'C' (chunk index) key. */
    static long secondId(byte[] key) {
        requireLength(key, 1 + 2 * ID_BYTES);
        return (long) LONG_BE.get(key, 1 + ID_BYTES);
    }

    /** The name in a 'D' key. */
    static FileName direntName(byte[] key) {
        requireLength(key, 1 + ID_BYTES + 1);
        return new FileName(Arrays.copyOfRange(key, 1 + ID_BYTES, key.length));
    }

    /** Reads a big-endian long from {@code b} at {@code offset}. */
    static long readLong(byte[] b, int offset) {
        return (long) LONG_BE.get(b, offset);
    }

    /** Writes a big-endian long into {@code b} at {@code offset}. */
    static void writeLong(byte[] b, int offset, long value) {
        LONG_BE.set(b, offset, value);
    }

    private static byte[] prefixed(byte kind, long id) {
        byte[] k = new byte[1 + ID_BYTES];
        k[0] = kind;
        LONG_BE.set(k, 1, id);
        return k;
    }

    /** A 'K' or 'C' key: the kind byte, then two big-endian ids. */
    private static byte[] prefixed(byte kind, long id, long second) {
        byte[] k = new byte[1 + 2 * ID_BYTES];
        k[0] = kind;
        LONG_BE.set(k, 1, id);
        LONG_BE.set(k, 1 + ID_BYTES, second);
        return k;
    }

    /** The smallest key greater than every key starting with {@code kind | id}. */
    private static byte[] after(byte kind, long id) {
        if (id == -1L) {
            return new byte[] {(byte) (kind + 1)};
        }
        return prefixed(kind, id + 1);
    }

    private static void requireLength(byte[] key, int min) {
        if (key.length < min) {
            throw new IllegalArgumentException("key of kind '" + (char) key[0] + "' has " + key.length
                    + " bytes, needs at least " + min);
        }
    }
}
