package org.pmnfs.vfs;

import java.util.Objects;

/**
 * One directory entry of a READDIR/READDIRPLUS page. {@code cookie} resumes the listing right
 * after this entry and must stay valid while the entry exists, whatever else is inserted or
 * removed (Linux resumes from the last cookie it kept, not from where the server stopped).
 * {@code handle} and {@code attributes} are present when the listing was asked "with attributes"
 * and may be null otherwise.
 */
public record DirEntry(long cookie, FileName name, long fileId, FileHandle handle, FileAttributes attributes) {
    public DirEntry {
        if (cookie == 0) {
            throw new IllegalArgumentException("cookie: 0 means 'from the start' and cannot name an entry");
        }
        Objects.requireNonNull(name, "name");
    }
}
