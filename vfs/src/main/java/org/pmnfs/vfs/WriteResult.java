package org.pmnfs.vfs;

import java.util.Objects;

/** The outcome of WRITE: bytes written, the stability actually reached, and the file's wcc data. */
public record WriteResult(int count, StableHow committed, WccData file) {
    public WriteResult {
        if (count < 0) {
            throw new IllegalArgumentException("count: negative " + count);
        }
        Objects.requireNonNull(committed, "committed");
        Objects.requireNonNull(file, "file");
    }
}
