package org.pmnfs.vfs;

import java.util.Objects;

/**
 * The outcome of READ. {@code eof} is true when {@code offset + count >= size} at the time of the
 * read (RFC 1813 section 3.3.6; a short read without eof makes Linux report EIO).
 */
public record ReadResult(int count, boolean eof, FileAttributes attributes) {
    public ReadResult {
        if (count < 0) {
            throw new IllegalArgumentException("count: negative " + count);
        }
        Objects.requireNonNull(attributes, "attributes");
    }
}
