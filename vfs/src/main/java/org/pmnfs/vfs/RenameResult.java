package org.pmnfs.vfs;

import java.util.Objects;

/** The changes RENAME made to its source and target directories (the same object when equal). */
public record RenameResult(WccData fromDirectory, WccData toDirectory) {
    public RenameResult {
        Objects.requireNonNull(fromDirectory, "fromDirectory");
        Objects.requireNonNull(toDirectory, "toDirectory");
    }
}
