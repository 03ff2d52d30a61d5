package org.pmnfs.vfs;

import java.util.Objects;

/** What LOOKUP found: the object's handle and attributes, and the directory's attributes. */
public record LookupResult(FileHandle handle, FileAttributes attributes, FileAttributes directoryAttributes) {
    public LookupResult {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(attributes, "attributes");
    }
}
