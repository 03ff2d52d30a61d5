package org.pmnfs.vfs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One path component as the client sent it: raw bytes, compared byte for byte (NFS names are
 * opaque; Linux sends whatever bytes the application used). Built once at the protocol boundary,
 * so a backend never sees an empty name, a '/' or NUL, or more than {@link #MAX_BYTES} bytes.
 * "." and ".." are valid names; each operation decides what they mean.
 */
public record FileName(byte[] bytes) {

    /** NAME_MAX: the longest component, in bytes (PMFS2 dirents store the length in one byte). */
    public static final int MAX_BYTES = 255;

    public static final FileName DOT = new FileName(new byte[] {'.'});
    public static final FileName DOT_DOT = new FileName(new byte[] {'.', '.'});

    /** Use {@link #of(byte[])} to get typed NFS errors; this constructor is for trusted bytes. */
    public FileName {
        String problem = problem(bytes);
        if (problem != null) {
            throw new IllegalArgumentException("file name: " + problem);
        }
        bytes = bytes.clone();
    }

    /** Validates client-supplied bytes: INVAL for an empty name or one holding '/' or NUL, NAMETOOLONG past 255 bytes. */
    public static FileName of(byte[] bytes) throws NfsException {
        String problem = problem(bytes);
        if (problem == null) {
            return new FileName(bytes);
        }
        if (bytes != null && bytes.length > MAX_BYTES) {
            throw new NameTooLongException(problem);
        }
        throw new InvalException(problem);
    }

    /** The UTF-8 bytes of {@code name}, validated like {@link #of(byte[])}. */
    public static FileName of(String name) throws NfsException {
        return of(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String problem(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return "empty name";
        }
        if (bytes.length > MAX_BYTES) {
            return "name of " + bytes.length + " bytes exceeds the limit of " + MAX_BYTES;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '/') {
                return "name contains '/' at byte " + i;
            }
            if (bytes[i] == 0) {
                return "name contains NUL at byte " + i;
            }
        }
        return null;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, bytes.length);
    }

    public boolean isDot() {
        return bytes.length == 1 && bytes[0] == '.';
    }

    public boolean isDotDot() {
        return bytes.length == 2 && bytes[0] == '.' && bytes[1] == '.';
    }

    /** True for "." and "..", which no operation may create, remove or rename. */
    public boolean isDotOrDotDot() {
        return isDot() || isDotDot();
    }

    /**
     * Refuses "." and ".." as the name of a new object: they always exist (NFS3ERR_EXIST, as
     * Linux nfsd answers).
     */
    public void requireCreatable() throws NfsException {
        if (isDotOrDotDot()) {
            throw new ExistException("cannot create '" + this + "': it always exists");
        }
    }

    /** Refuses "." and ".." as the name to remove or rename (NFS3ERR_INVAL, as rmdir(2) does). */
    public void requireRemovable() throws NfsException {
        if (isDotOrDotDot()) {
            throw new InvalException("cannot remove or rename '" + this + "'");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileName other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The name decoded as UTF-8 (malformed bytes shown as U+FFFD), for logs and messages. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
