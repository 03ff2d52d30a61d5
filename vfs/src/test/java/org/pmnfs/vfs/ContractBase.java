package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * The hooks a backend supplies to the contract suite, the per-test lifecycle, and the helpers the
 * contract classes share. Read {@link AbstractBackendContractTest} first.
 *
 * <p>Every test gets a fresh, empty store from {@link #openBackend(Clock)} with a {@link TestClock}
 * that does not move: timestamps may only change because the backend uses {@link NanoClock}.
 * Stores are closed after the test, including ones a test opened through the other hooks.
 */
public abstract class ContractBase {

    /** Owner given to objects the suite creates. */
    protected static final int UID = 1000;
    /** Group given to objects the suite creates. */
    protected static final int GID = 100;
    /** Attributes of regular files the suite creates. */
    protected static final SetAttributes FILE_ATTRS = SetAttributes.ofMode(0644).withOwner(UID, GID);
    /** Attributes of directories the suite creates. */
    protected static final SetAttributes DIR_ATTRS = SetAttributes.ofMode(0755).withOwner(UID, GID);
    /** Attributes of symbolic links the suite creates. */
    protected static final SetAttributes LINK_ATTRS = SetAttributes.ofMode(0777).withOwner(UID, GID);
    /** Largest single read or write the suite issues: the 1 MiB rtmax/wtmax the server advertises. */
    protected static final int MAX_IO = 1 << 20;

    private static final Map<NfsStatus, Class<? extends NfsException>> TYPED = typedExceptions();

    /** The clock every store of this test reads; it stands still unless a test advances it. */
    protected TestClock clock;
    /** The store under test (replaced by {@link #reopen()}). */
    protected FileSystemBackend fs;
    /** {@code fs.root()}. */
    protected FileHandle root;

    private final List<FileSystemBackend> opened = new ArrayList<>();

    // ---------------------------------------------------------------- hooks

    /** A fresh, empty store reading time from {@code clock}. Called once per test (and more by a few). */
    protected abstract FileSystemBackend openBackend(Clock clock) throws IOException;

    /**
     * Reopens the store behind {@code closed} (already closed) as a restart would, reading time from
     * {@code clock}. The default returns null, meaning the backend is not persistent: persistence
     * tests are then skipped. Persistent backends must override it.
     */
    protected FileSystemBackend reopenBackend(FileSystemBackend closed, Clock clock) throws IOException {
        return null;
    }

    /**
     * A fresh store whose capacity is small (a few MiB at most), so the suite can fill it to
     * NFS3ERR_NOSPC quickly. The default returns null: the fill test is skipped.
     */
    protected FileSystemBackend openBoundedBackend(Clock clock) throws IOException {
        return null;
    }

    // ---------------------------------------------------------------- lifecycle

    @BeforeEach
    final void openStore() throws IOException {
        clock = new TestClock();
        fs = track(openBackend(clock));
        assertNotNull(fs, "openBackend returned null");
        root = fs.root();
    }

    @AfterEach
    final void closeStores() throws IOException {
        IOException first = null;
        for (FileSystemBackend b : opened) {
            try {
                b.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        opened.clear();
        if (first != null) {
            throw first;
        }
    }

    /** Registers a store for closing after the test and returns it. */
    protected final FileSystemBackend track(FileSystemBackend backend) {
        if (backend != null) {
            opened.add(backend);
        }
        return backend;
    }

    /**
     * Closes {@link #fs}, advances the clock by an hour (a restart takes time) and reopens the store;
     * skips the test (a JUnit assumption) when the backend is not persistent.
     */
    protected final void reopen() throws IOException {
        FileSystemBackend old = fs;
        old.close();
        clock.advance(Duration.ofHours(1));
        FileSystemBackend again = reopenBackend(old, clock);
        Assumptions.assumeTrue(again != null,
                "persistence test skipped: " + getClass().getSimpleName() + " does not override reopenBackend");
        fs = track(again);
        root = fs.root();
    }

    // ---------------------------------------------------------------- assertions

    /**
     * Runs {@code call} and asserts it fails with {@code expected}, thrown as that status's own
     * NfsException subclass and with a message; returns the exception.
     */
    protected static NfsException assertNfsError(NfsStatus expected, Executable call) {
        try {
            call.execute();
        } catch (NfsException e) {
            assertEquals(expected, e.status(), () -> "expected NFS3ERR_" + expected + " but got " + e);
            Class<? extends NfsException> type = TYPED.get(expected);
            if (type != null) {
                assertEquals(type, e.getClass(), () -> "NFS3ERR_" + expected + " must be thrown as " + type.getSimpleName());
            }
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), () -> e.getClass().getSimpleName() + " without a message");
            return e;
        } catch (Throwable t) {
            fail("expected NFS3ERR_" + expected + " but got " + t, t);
        }
        return fail("expected NFS3ERR_" + expected + " but the call succeeded");
    }

    /** Asserts wcc data is complete: before matches {@code before}, after is the object's current attributes. */
    protected final void assertWcc(WccData wcc, FileAttributes before, FileHandle object) throws IOException {
        assertNotNull(wcc.before(), "wcc before attributes missing");
        assertNotNull(wcc.after(), "wcc after attributes missing");
        assertEquals(before.toWccAttr(), wcc.before(), "wcc before attributes");
        assertEquals(fs.getattr(object), wcc.after(), "wcc after attributes");
    }

    /** Asserts mtime and ctime both moved forward. */
    protected static void assertModified(FileAttributes before, FileAttributes after, String what) {
        assertTrue(after.mtimeNanos() > before.mtimeNanos(),
                () -> what + ": mtime must move forward, was " + before.mtimeNanos() + " now " + after.mtimeNanos());
        assertTrue(after.ctimeNanos() > before.ctimeNanos(),
                () -> what + ": ctime must move forward, was " + before.ctimeNanos() + " now " + after.ctimeNanos());
    }

    /** Asserts ctime moved forward and mtime did not change. */
    protected static void assertChangedOnly(FileAttributes before, FileAttributes after, String what) {
        assertEquals(before.mtimeNanos(), after.mtimeNanos(), () -> what + ": mtime must not change");
        assertTrue(after.ctimeNanos() > before.ctimeNanos(),
                () -> what + ": ctime must move forward, was " + before.ctimeNanos() + " now " + after.ctimeNanos());
    }

    /** Asserts {@code expected} bytes equal {@code actual}, naming the first differing offset. */
    protected static void assertBytes(byte[] expected, byte[] actual, String what) {
        int mismatch = Arrays.mismatch(expected, actual);
        if (mismatch >= 0) {
            fail(what + ": first difference at byte " + mismatch + " (expected length " + expected.length
                    + ", actual " + actual.length + ")");
        }
    }

    // ---------------------------------------------------------------- helpers

    protected static FileName name(String name) throws NfsException {
        return FileName.of(name);
    }

    protected final FileAttributes attrs(FileHandle object) throws IOException {
        return fs.getattr(object);
    }

    protected final CreateResult createFile(FileHandle dir, String name) throws IOException {
        return fs.create(dir, name(name), CreateMode.GUARDED, FILE_ATTRS, 0);
    }

    protected final FileHandle file(FileHandle dir, String name) throws IOException {
        return createFile(dir, name).handle();
    }

    protected final FileHandle dir(FileHandle parent, String name) throws IOException {
        return fs.mkdir(parent, name(name), DIR_ATTRS).handle();
    }

    protected final FileHandle symlink(FileHandle dir, String name, String target) throws IOException {
        return fs.symlink(dir, name(name), target.getBytes(StandardCharsets.UTF_8), LINK_ATTRS).handle();
    }

    protected final FileHandle lookup(FileHandle dir, String name) throws IOException {
        return fs.lookup(dir, name(name)).handle();
    }

    /** Writes all of {@code data} at {@code offset} with FILE_SYNC from a heap buffer. */
    protected final WriteResult write(FileHandle file, long offset, byte[] data) throws IOException {
        WriteResult r = fs.write(file, offset, ByteBuffer.wrap(data), StableHow.FILE_SYNC);
        assertEquals(data.length, r.count(), "bytes written");
        return r;
    }

    /** Reads up to {@code count} bytes at {@code offset}; returns exactly the bytes read. */
    protected final byte[] read(FileHandle file, long offset, int count) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(count);
        ReadResult r = fs.read(file, offset, count, dst);
        assertEquals(r.count(), dst.position(), "destination position must advance by the count read");
        return Arrays.copyOf(dst.array(), r.count());
    }

    /** The whole file, read in pieces of at most {@link #MAX_IO} bytes. */
    protected final byte[] readAll(FileHandle file) throws IOException {
        long size = fs.getattr(file).size();
        assertTrue(size <= Integer.MAX_VALUE - 8, "file too large to read whole: " + size);
        byte[] all = new byte[(int) size];
        int done = 0;
        while (done < all.length) {
            int n = Math.min(MAX_IO, all.length - done);
            ByteBuffer dst = ByteBuffer.wrap(all, done, n).slice();
            ReadResult r = fs.read(file, done, n, dst);
            assertEquals(n, r.count(), "short read at " + done + " inside a file of " + size + " bytes");
            done += n;
        }
        return all;
    }

    /** {@code length} bytes from a seeded generator: the same seed gives the same bytes. */
    protected static byte[] pattern(long seed, int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Lists a whole directory in pages of {@code pageEntries}, checking the verifier and eof handshake. */
    protected final List<DirEntry> listAll(FileHandle dir, int pageEntries, boolean withAttributes) throws IOException {
        List<DirEntry> all = new ArrayList<>();
        long cookie = 0;
        long verifier = 0;
        for (int page = 0; ; page++) {
            assertTrue(page < 1_000_000, "listing never reached eof");
            DirListing l = fs.readdir(dir, cookie, verifier, withAttributes, EntryBudget.ofEntries(pageEntries));
            assertTrue(l.entries().size() <= pageEntries, "page larger than the budget allowed");
            all.addAll(l.entries());
            if (l.eof()) {
                return all;
            }
            assertFalse(l.entries().isEmpty(), "a non-eof page with room for an entry returned none");
            cookie = l.entries().getLast().cookie();
            verifier = l.cookieVerifier();
        }
    }

    /** The entries of a whole listing by name (string form), failing on a duplicate. */
    protected final Map<String, DirEntry> entriesByName(FileHandle dir, int pageEntries, boolean withAttributes)
            throws IOException {
        Map<String, DirEntry> byName = new LinkedHashMap<>();
        for (DirEntry e : listAll(dir, pageEntries, withAttributes)) {
            DirEntry previous = byName.put(e.name().toString(), e);
            assertEquals(null, previous, () -> "entry '" + e.name() + "' listed twice");
        }
        return byName;
    }

    /** The names in {@code dir} other than "." and "..", sorted. */
    protected final TreeSet<String> names(FileHandle dir) throws IOException {
        TreeSet<String> names = new TreeSet<>(entriesByName(dir, 1000, false).keySet());
        assertTrue(names.remove("."), "'.' must be listed");
        assertTrue(names.remove(".."), "'..' must be listed");
        return names;
    }

    private static Map<NfsStatus, Class<? extends NfsException>> typedExceptions() {
        Map<NfsStatus, Class<? extends NfsException>> m = new EnumMap<>(NfsStatus.class);
        m.put(NfsStatus.PERM, PermException.class);
        m.put(NfsStatus.NOENT, NoEntException.class);
        m.put(NfsStatus.IO, NfsIoException.class);
        m.put(NfsStatus.ACCES, AccessException.class);
        m.put(NfsStatus.EXIST, ExistException.class);
        m.put(NfsStatus.XDEV, XDevException.class);
        m.put(NfsStatus.NOTDIR, NotDirException.class);
        m.put(NfsStatus.ISDIR, IsDirException.class);
        m.put(NfsStatus.INVAL, InvalException.class);
        m.put(NfsStatus.FBIG, FBigException.class);
        m.put(NfsStatus.NOSPC, NoSpcException.class);
        m.put(NfsStatus.ROFS, RoFsException.class);
        m.put(NfsStatus.MLINK, MLinkException.class);
        m.put(NfsStatus.NAMETOOLONG, NameTooLongException.class);
        m.put(NfsStatus.NOTEMPTY, NotEmptyException.class);
        m.put(NfsStatus.DQUOT, DQuotException.class);
        m.put(NfsStatus.STALE, StaleException.class);
        m.put(NfsStatus.BADHANDLE, BadHandleException.class);
        m.put(NfsStatus.NOT_SYNC, NotSyncException.class);
        m.put(NfsStatus.BAD_COOKIE, BadCookieException.class);
        m.put(NfsStatus.NOTSUPP, NotSuppException.class);
        m.put(NfsStatus.TOOSMALL, TooSmallException.class);
        m.put(NfsStatus.SERVERFAULT, ServerFaultException.class);
        m.put(NfsStatus.BADTYPE, BadTypeException.class);
        m.put(NfsStatus.JUKEBOX, JukeboxException.class);
        return m;
    }
}
