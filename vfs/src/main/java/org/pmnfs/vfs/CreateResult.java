package org.pmnfs.vfs;

import java.util.Objects;

/** A new (or, for UNCHECKED/EXCLUSIVE CREATE, found) object and the change to its directory. */
public record CreateResult(FileHandle handle, FileAttributes attributes, WccData directory) {
    public CreateResult {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(directory, "directory");
    }
}
