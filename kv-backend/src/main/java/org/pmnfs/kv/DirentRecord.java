package org.pmnfs.kv;

import java.util.Arrays;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.NfsIoException;

/**
 * One directory entry, stored twice in the same batch: under {@code 'D' dir name} (for lookup)
 * with value {@code ino(8) type(1) cookie(8)}, and under {@code 'K' dir cookie} (for listing) with
 * value {@code ino(8) type(1) name}. {@code version} is the by-name key's version in a shared
 * store (0 otherwise); it is not stored.
 */
record DirentRecord(FileName name, long ino, FileType type, long cookie, long version) {

    /** An entry not read from a shared store (version 0). */
    DirentRecord(FileName name, long ino, FileType type, long cookie) {
        this(name, ino, type, cookie, 0);
    }

    /** Cookies 1 and 2 are "." and ".."; entries get 3 and up, in creation order. */
    static final long FIRST_COOKIE = 3;
    static final long DOT_COOKIE = 1;
    static final long DOT_DOT_COOKIE = 2;

    private static final int BY_NAME_BYTES = 17;

    byte[] encodeByName() {
        byte[] v = new byte[BY_NAME_BYTES];
        KeyCodec.writeLong(v, 0, ino);
        v[8] = (byte) type.code();
        KeyCodec.writeLong(v, 9, cookie);
        return v;
    }

    byte[] encodeByCookie() {
        byte[] v = new byte[9 + name.length()];
        KeyCodec.writeLong(v, 0, ino);
        v[8] = (byte) type.code();
        name.copyTo(v, 9);
        return v;
    }

    static DirentRecord decodeByName(long dir, FileName name, byte[] v) throws NfsIoException {
        return decodeByName(dir, name, v, 0);
    }

    static DirentRecord decodeByName(long dir, FileName name, byte[] v, long version) throws NfsIoException {
        if (v.length != BY_NAME_BYTES) {
            throw new NfsIoException("directory " + dir + ": entry '" + name + "' has " + v.length
                    + " bytes, expected " + BY_NAME_BYTES);
        }
        return new DirentRecord(name, KeyCodec.readLong(v, 0), type(dir, v[8]), KeyCodec.readLong(v, 9), version);
    }

    static DirentRecord decodeByCookie(long dir, long cookie, byte[] v) throws NfsIoException {
        if (v.length < 10 || v.length > 9 + FileName.MAX_BYTES) {
            throw new NfsIoException("directory " + dir + ": listing entry at cookie " + cookie + " has "
                    + v.length + " bytes, expected 10.." + (9 + FileName.MAX_BYTES));
        }
        return new DirentRecord(new FileName(Arrays.copyOfRange(v, 9, v.length)), KeyCodec.readLong(v, 0),
                type(dir, v[8]), cookie);
    }

    private static FileType type(long dir, byte code) throws NfsIoException {
        FileType t = FileType.ofCode(code);
        if (t == null) {
            throw new NfsIoException("directory " + dir + ": entry with unknown type code " + code);
        }
        return t;
    }
}
