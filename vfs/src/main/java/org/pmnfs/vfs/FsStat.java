package org.pmnfs.vfs;

/**
 * Space and inode usage (FSSTAT, RFC 1813 section 3.3.18). "Available" is what a non-root caller
 * may still use; {@code invarsec} is how many seconds the figures are expected to stay valid.
 */
public record FsStat(long totalBytes, long freeBytes, long availableBytes,
                     long totalFiles, long freeFiles, long availableFiles, int invarsec) {
    public FsStat {
        if (totalBytes < 0 || freeBytes < 0 || availableBytes < 0 || totalFiles < 0 || freeFiles < 0 || availableFiles < 0) {
            throw new IllegalArgumentException("fs stat: negative figure in " + totalBytes + "/" + freeBytes + "/"
                    + availableBytes + " bytes, " + totalFiles + "/" + freeFiles + "/" + availableFiles + " files");
        }
        if (freeBytes > totalBytes || availableBytes > freeBytes) {
            throw new IllegalArgumentException("fs stat: need available <= free <= total bytes, got "
                    + availableBytes + " <= " + freeBytes + " <= " + totalBytes);
        }
    }
}
