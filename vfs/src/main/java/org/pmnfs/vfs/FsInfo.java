package org.pmnfs.vfs;

/**
 * The backend's static limits for FSINFO (RFC 1813 section 3.3.19). Transfer sizes are the
 * server's business; these are the file system's own.
 *
 * @param maxFileSize     largest file size the backend can store, in bytes
 * @param timeDeltaNanos  timestamp granularity, in nanoseconds
 * @param supportsHardLinks FSF3_LINK
 * @param supportsSymlinks  FSF3_SYMLINK
 * @param canSetTime        FSF3_CANSETTIME
 */
public record FsInfo(long maxFileSize, long timeDeltaNanos, boolean supportsHardLinks,
                     boolean supportsSymlinks, boolean canSetTime) {
    public FsInfo {
        if (maxFileSize <= 0) {
            throw new IllegalArgumentException("maxFileSize: must be positive, got " + maxFileSize);
        }
        if (timeDeltaNanos <= 0) {
            throw new IllegalArgumentException("timeDeltaNanos: must be positive, got " + timeDeltaNanos);
        }
    }
}
