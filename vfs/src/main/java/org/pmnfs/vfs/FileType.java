package org.pmnfs.vfs;

/** The ftype3 values of RFC 1813 section 2.6; {@link #code()} is the wire value. */
public enum FileType {
    REGULAR(1),
    DIRECTORY(2),
    BLOCK(3),
    CHARACTER(4),
    SYMLINK(5),
    SOCKET(6),
    FIFO(7);

    private static final FileType[] BY_CODE = {null, REGULAR, DIRECTORY, BLOCK, CHARACTER, SYMLINK, SOCKET, FIFO};

    private final int code;

    FileType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with wire value {@code code}, or null when there is none. */
    public static FileType ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
