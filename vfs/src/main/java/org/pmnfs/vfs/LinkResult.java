package org.pmnfs.vfs;

import java.util.Objects;

/** The linked file's new attributes (nlink raised) and the change to the directory. */
public record LinkResult(FileAttributes file, WccData directory) {
    public LinkResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(directory, "directory");
    }
}
