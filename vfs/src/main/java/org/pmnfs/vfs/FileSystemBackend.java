package org.pmnfs.vfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The seam between the NFSv3 server and a store: one exported file system, addressed by opaque
 * handles. Shaped like nfs4j's VirtualFileSystem, with these promises:
 *
 * <ul>
 *   <li>Handles are at most 64 bytes and permanent: the same object has the same handle after a
 *       restart. A malformed handle is {@link BadHandleException}; a well-formed handle of an
 *       object that no longer exists (or whose inode number was reused) is {@link StaleException}.
 *   <li>Every modifying call is atomic with respect to crashes, at the backend's durability level,
 *       and returns the wcc data of each object it changed (both before and after, which the
 *       contract suite requires) so the server can fill wcc_data.
 *   <li>I/O moves data between the caller's buffers and the store with one copy.
 *   <li>Calls are thread-safe; concurrent calls on different objects should not serialise.
 *   <li>Failures are {@link NfsException} subclasses. Permission checks (mode bits, export
 *       options, squashing) are the server's job and happen before a call; backends enforce only
 *       the file system's own rules (types, names, emptiness, limits).
 *   <li>Names arrive validated ({@link FileName}); "." and ".." may arrive and are handled as
 *       each method says.
 * </ul>
 *
 * Implementations must pass {@code AbstractBackendContractTest} from this module's test-jar.
 */
public interface FileSystemBackend extends AutoCloseable {

    /** The root directory's handle. */
    FileHandle root();

    /** The attributes of {@code object}. */
    FileAttributes getattr(FileHandle object) throws IOException;

    /**
     * Changes attributes. With {@code guardCtimeNanos} non-null, fails with
     * {@link NotSyncException} (changing nothing) unless the object's ctime equals it. A size
     * change on a directory is {@link IsDirException}, on any other non-regular file
     * {@link InvalException}; growing zero-fills, shrinking frees storage past the new end and
     * zeroes the tail of the last block. Any change sets ctime; a size change also sets mtime.
     */
    WccData setattr(FileHandle object, SetAttributes attributes, Long guardCtimeNanos) throws IOException;

    /**
     * Finds {@code name} in {@code directory}. "." is the directory itself and ".." its parent
     * (the root's parent is the root). {@link NotDirException} when {@code directory} is not one.
     */
    LookupResult lookup(FileHandle directory, FileName name) throws IOException;

    /**
     * The ACCESS3 bits of {@code requested} that {@code who} holds, by mode bits. Backends with
     * ACLs may override.
     */
    default int access(FileHandle object, Credentials who, int requested) throws IOException {
        return Permissions.allowed(getattr(object), who, requested);
    }

    /** The target of a symbolic link, as stored. {@link InvalException} for other types. */
    byte[] readlink(FileHandle symlink) throws IOException;

    /**
     * Copies up to {@code count} bytes from {@code offset} into {@code destination} at its position
     * (advancing it). Reads past the end return fewer bytes, holes read as zeros. eof is set when
     * {@code offset + count >= size}. {@link IsDirException} for a directory, {@link InvalException}
     * for other non-regular files. {@code destination} must have {@code count} bytes remaining;
     * only the bytes read are written to it. A negative offset (2^63 or more on the wire) is past
     * any end: 0 bytes with eof.
     */
    ReadResult read(FileHandle file, long offset, int count, ByteBuffer destination) throws IOException;

    /**
     * Writes the remaining bytes of {@code data}, in order, at {@code offset} (positions may be
     * advanced; the buffers are only valid during the call). Extends the file and zero-fills any gap.
     * FILE_SYNC and DATA_SYNC are durable before return; UNSTABLE may wait for {@link #commit}.
     * Errors: {@link IsDirException}, {@link InvalException} (other non-regular), {@link FBigException}
     * when {@code offset} is negative or {@code offset + length} passes {@link FsInfo#maxFileSize()},
     * {@link NoSpcException}; a failed write changes neither the size nor the data. An empty write
     * changes nothing.
     */
    WriteResult write(FileHandle file, long offset, ByteBuffer[] data, StableHow stability) throws IOException;

    /** {@link #write(FileHandle, long, ByteBuffer[], StableHow)} with one buffer. */
    default WriteResult write(FileHandle file, long offset, ByteBuffer data, StableHow stability) throws IOException {
        return write(file, offset, new ByteBuffer[] {data}, stability);
    }

    /**
     * Makes earlier UNSTABLE writes in {@code [offset, offset + count)} durable ({@code count} 0
     * means to the end of the file). Returns the file's wcc data.
     */
    WccData commit(FileHandle file, long offset, int count) throws IOException;

    /**
     * The write verifier: the same for the life of this backend instance, different after every
     * start, so clients resend UNSTABLE data a crash may have lost (RFC 1813 section 3.3.7).
     */
    long writeVerifier();

    /**
     * Whether {@code getattr}, {@code access}, {@code lookup}, {@code readlink}, {@code read},
     * {@code fsstat}, {@code fsinfo}, {@code pathconf} and UNSTABLE {@code write} finish at memory
     * speed: they never wait for a disk, nor for a lock that another call holds across disk I/O.
     * The server then serves such calls (reads and writes of at most 64 KiB) on its network thread,
     * which saves a thread hand-off per call. Default: false (always a worker thread).
     */
    default boolean answersFromMemory() {
        return false;
    }

    /**
     * The backend's own numbers for monitoring (space and inodes used and free, journal or cache
     * activity), read by the server when metrics are scraped. Fixed for the backend's lifetime;
     * names are unique. Default: none.
     */
    default List<BackendMetric> metrics() {
        return List.of();
    }

    /**
     * Creates a regular file. UNCHECKED returns an existing regular file (applying a size in
     * {@code attributes}); GUARDED fails with {@link ExistException} if the name exists; EXCLUSIVE
     * stores {@code verifier} and on a retransmission (same name, same verifier) returns the file
     * it created, otherwise {@link ExistException}. An existing non-regular object is
     * {@link ExistException} in every mode. "." and ".." are {@link ExistException}.
     * {@code attributes} supplies mode, uid and gid (the server fills the caller's uid/gid).
     */
    CreateResult create(FileHandle directory, FileName name, CreateMode mode, SetAttributes attributes, long verifier)
            throws IOException;

    /** Creates a directory (nlink 2; the parent's nlink rises by one). {@link ExistException} if the name exists. */
    CreateResult mkdir(FileHandle directory, FileName name, SetAttributes attributes) throws IOException;

    /**
     * Creates a symbolic link holding {@code target} (1..4095 bytes: empty is
     * {@link InvalException}, longer is {@link NameTooLongException}).
     */
    CreateResult symlink(FileHandle directory, FileName name, byte[] target, SetAttributes attributes) throws IOException;

    /**
     * Creates a special file: BLOCK or CHARACTER (with device numbers), SOCKET or FIFO. Any other
     * type is {@link BadTypeException}; a backend that stores none of them throws {@link NotSuppException}.
     */
    CreateResult mknod(FileHandle directory, FileName name, FileType type, SetAttributes attributes,
                       int rdevMajor, int rdevMinor) throws IOException;

    /**
     * Removes a non-directory entry; the object goes when its last link does (its handle becomes
     * stale). A directory is {@link IsDirException}; "." and ".." are {@link InvalException}.
     */
    WccData remove(FileHandle directory, FileName name) throws IOException;

    /**
     * Removes an empty directory. {@link NotDirException} for a non-directory,
     * {@link NotEmptyException} when it has entries, {@link InvalException} for "." and "..".
     */
    WccData rmdir(FileHandle directory, FileName name) throws IOException;

    /**
     * Renames atomically, replacing an existing target as POSIX rename(2) does: a directory may
     * replace only an empty directory ({@link NotEmptyException}, {@link NotDirException}); a
     * non-directory may not replace a directory ({@link IsDirException}); moving a directory into
     * its own subtree is {@link InvalException}; renaming onto itself, or onto another link to the
     * same object, succeeds and changes nothing. A moved directory's ".." follows it. "." or ".."
     * as either name is {@link InvalException}; replacing an ancestor of the source directory is
     * {@link NotEmptyException} (it holds the source).
     */
    RenameResult rename(FileHandle fromDirectory, FileName fromName, FileHandle toDirectory, FileName toName)
            throws IOException;

    /**
     * Adds a hard link to {@code file} in {@code directory}. A directory is {@link IsDirException};
     * an existing name is {@link ExistException}; past the link limit is {@link MLinkException}.
     */
    LinkResult link(FileHandle file, FileHandle directory, FileName name) throws IOException;

    /**
     * Lists {@code directory} from {@code cookie} (0 = from the start, including "." and "..").
     * Entries come in cookie order and stop at the first one {@code budget} refuses. A non-zero
     * {@code cookieVerifier} that is not the directory's current one is {@link BadCookieException}.
     * With {@code withAttributes}, each entry carries its handle and attributes (READDIRPLUS), "."
     * and ".." included. A cookie stays valid while its entry exists and keeps positioning the
     * listing after the entry is removed, so inserts and removals never change the verifier.
     */
    DirListing readdir(FileHandle directory, long cookie, long cookieVerifier, boolean withAttributes,
                       EntryBudget budget) throws IOException;

    /** Space and file counts of the file system holding {@code object}. */
    FsStat fsstat(FileHandle object) throws IOException;

    /** The file system's static limits. */
    FsInfo fsinfo(FileHandle object) throws IOException;

    /** POSIX pathconf values for {@code object}. */
    PathConf pathconf(FileHandle object) throws IOException;

    /** Flushes what must survive and releases the store; later calls fail with an IOException. Idempotent. */
    @Override
    void close() throws IOException;
}
