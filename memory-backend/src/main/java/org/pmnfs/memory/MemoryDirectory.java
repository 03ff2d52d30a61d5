package org.pmnfs.memory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.SetAttributes;

/**
 * A directory of the memory store: entries by name and by cookie, and its parent.
 *
 * <p>Cookies: "." is 1, ".." is 2, and each added entry takes the next value of a per-directory
 * counter starting at 3. An entry keeps its cookie while it exists, and a listing resumes with
 * the first cookie greater than the one given, so a cookie stays valid even after its entry is
 * removed (Linux resumes from the last cookie it kept). Cookies therefore never go stale and the
 * cookie verifier is a constant per directory, checked only to catch clients that mix up
 * directories or server instances.
 *
 * <p>Guarded by the inode lock, except {@link #parent}, which is also read (volatile) by renames
 * that hold the store's rename lock (see {@link MemoryRenamer}).
 */
final class MemoryDirectory extends MemoryInode {

    static final long DOT_COOKIE = 1;
    static final long DOT_DOT_COOKIE = 2;
    static final long FIRST_ENTRY_COOKIE = 3;

    /** Bytes of the size attribute per entry, "." and ".." included (like tmpfs, a size that tracks the count). */
    static final long SIZE_PER_ENTRY = 32;

    /** One name in the directory, with its permanent cookie. */
    record Entry(FileName name, long cookie, MemoryInode inode) {}

    private final Map<FileName, Entry> byName = new HashMap<>();
    private final TreeMap<Long, Entry> byCookie = new TreeMap<>();
    private long nextCookie = FIRST_ENTRY_COOKIE;
    private final long cookieVerifier;

    /** The directory holding this one; the root's parent is itself. Written only with this inode's write lock and the rename lock. */
    private volatile MemoryDirectory parent;

    MemoryDirectory(InodeIdentity id, SetAttributes initial, long now, MemoryDirectory parent, long cookieVerifier) {
        super(id, initial, 0755, 2, now);
        this.parent = parent == null ? this : parent;
        this.cookieVerifier = cookieVerifier;
    }

    @Override
    FileType type() {
        return FileType.DIRECTORY;
    }

    @Override
    long size() {
        return (byName.size() + 2) * SIZE_PER_ENTRY;
    }

    @Override
    long used() {
        return size();
    }

    MemoryDirectory parent() {
        return parent;
    }

    void setParent(MemoryDirectory newParent) {
        parent = newParent;
    }

    long cookieVerifier() {
        return cookieVerifier;
    }

    Entry get(FileName name) {
        return byName.get(name);
    }

    /** Adds {@code name}, which must be absent, with a new cookie. */
    Entry add(FileName name, MemoryInode inode) {
        Entry e = new Entry(name, nextCookie++, inode);
        Entry old = byName.putIfAbsent(name, e);
        if (old != null) {
            throw new IllegalStateException("directory " + ino() + ": '" + name + "' already present");
        }
        byCookie.put(e.cookie(), e);
        return e;
    }

    /** Removes {@code name}, which must be present; returns its entry. */
    Entry remove(FileName name) {
        Entry e = byName.remove(name);
        if (e == null) {
            throw new IllegalStateException("directory " + ino() + ": '" + name + "' not present");
        }
        byCookie.remove(e.cookie());
        return e;
    }

    /** True when {@code cookie} was handed out by this directory (it may name a removed entry). */
    boolean issued(long cookie) {
        return cookie >= 0 && cookie < nextCookie;
    }

    long nextCookie() {
        return nextCookie;
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    int entryCount() {
        return byName.size();
    }

    /** Entries with a cookie greater than {@code cookie}, in cookie order (a live view). */
    Collection<Entry> after(long cookie) {
        return byCookie.tailMap(cookie, false).values();
    }

    /** Every entry, for freeing the store. */
    Collection<Entry> entries() {
        return byCookie.values();
    }
}
