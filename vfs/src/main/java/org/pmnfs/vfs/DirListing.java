package org.pmnfs.vfs;

import java.util.List;
import java.util.Objects;

/**
 * One page of a directory listing. {@code cookieVerifier} goes back to the client, which returns
 * it with the next cookie; {@code eof} says the page ends the directory. An empty, non-eof page
 * means the first entry did not fit the budget (the server answers NFS3ERR_TOOSMALL).
 */
public record DirListing(List<DirEntry> entries, boolean eof, long cookieVerifier, FileAttributes directoryAttributes) {
    public DirListing {
        entries = List.copyOf(entries);
        Objects.requireNonNull(directoryAttributes, "directoryAttributes");
    }
}
