package org.pmnfs.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import org.pmnfs.vfs.BadCookieException;
import org.pmnfs.vfs.BadTypeException;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.CreateResult;
import org.pmnfs.vfs.DirEntry;
import org.pmnfs.vfs.DirListing;
import org.pmnfs.vfs.EntryBudget;
import org.pmnfs.vfs.ExistException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.IsDirException;
import org.pmnfs.vfs.LinkResult;
import org.pmnfs.vfs.LookupResult;
import org.pmnfs.vfs.MLinkException;
import org.pmnfs.vfs.NameTooLongException;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.NoEntException;
import org.pmnfs.vfs.NotDirException;
import org.pmnfs.vfs.NotEmptyException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.WccData;

/**
 * The directory operations of the memory store except rename: lookup, listing, and making and
 * removing names. Each takes the directory's lock, and the child's after it when the child's
 * link count changes (the parent-before-child order of {@link MemoryBackend}).
 */
final class MemoryNamespace {

    /** Longest symlink target: PATH_MAX minus the NUL. */
    static final int MAX_SYMLINK_TARGET = 4095;

    private final MemoryStore store;

    MemoryNamespace(MemoryStore store) {
        this.store = store;
    }

    LookupResult lookup(FileHandle directory, FileName name) throws NfsException {
        MemoryDirectory dir = store.directory(directory, "lookup");
        Lock l = dir.readLock();
        l.lock();
        try {
            dir.requireAlive();
            MemoryInode found;
            if (name.isDot()) {
                found = dir;
            } else if (name.isDotDot()) {
                found = dir.parent();
            } else {
                found = existing(dir, name).inode();
            }
            return new LookupResult(found.handle(), found.attributes(), dir.attributes());
        } finally {
            l.unlock();
        }
    }

    DirListing readdir(FileHandle directory, long cookie, long cookieVerifier, boolean withAttributes,
                       EntryBudget budget) throws NfsException {
        MemoryDirectory dir = store.directory(directory, "readdir");
        Lock l = dir.readLock();
        l.lock();
        try {
            dir.requireAlive();
            if (cookieVerifier != 0 && cookieVerifier != dir.cookieVerifier()) {
                throw new BadCookieException("readdir of " + dir + ": cookie verifier " + Long.toHexString(cookieVerifier)
                        + " is not this directory's " + Long.toHexString(dir.cookieVerifier()));
            }
            if (!dir.issued(cookie)) {
                throw new BadCookieException("readdir of " + dir + ": cookie " + Long.toUnsignedString(cookie)
                        + " was never handed out (the last was " + (dir.nextCookie() - 1) + ")");
            }
            List<DirEntry> page = new ArrayList<>();
            boolean complete = (cookie >= MemoryDirectory.DOT_COOKIE
                    || offer(page, budget, MemoryDirectory.DOT_COOKIE, FileName.DOT, dir, withAttributes))
                    && (cookie >= MemoryDirectory.DOT_DOT_COOKIE
                    || offer(page, budget, MemoryDirectory.DOT_DOT_COOKIE, FileName.DOT_DOT, dir.parent(), withAttributes));
            if (complete) {
                for (MemoryDirectory.Entry e : dir.after(Math.max(cookie, MemoryDirectory.DOT_DOT_COOKIE))) {
                    if (!offer(page, budget, e.cookie(), e.name(), e.inode(), withAttributes)) {
                        complete = false;
                        break;
                    }
                }
            }
            return new DirListing(page, complete, dir.cookieVerifier(), dir.attributes());
        } finally {
            l.unlock();
        }
    }

    private static boolean offer(List<DirEntry> page, EntryBudget budget, long cookie, FileName name, MemoryInode inode,
                                 boolean withAttributes) {
        DirEntry e = new DirEntry(cookie, name, inode.ino(), withAttributes ? inode.handle() : null,
                withAttributes ? inode.attributes() : null);
        if (!budget.tryAdd(e)) {
            return false;
        }
        page.add(e);
        return true;
    }

    CreateResult create(FileHandle directory, FileName name, CreateMode mode, SetAttributes attributes, long verifier)
            throws NfsException {
        name.requireCreatable();
        MemoryDirectory dir = store.directory(directory, "create");
        Lock l = dir.writeLock();
        l.lock();
        try {
            dir.requireAlive();
            FileAttributes before = dir.attributes();
            MemoryDirectory.Entry existing = dir.get(name);
            if (existing != null) {
                return createExisting(dir, before, existing, mode, attributes, verifier);
            }
            store.space.reserve(SpaceAccount.INODE_BYTES + SpaceAccount.entryCost(name.length()), "creating '" + name + "'");
            long now = store.now();
            SetAttributes initial = attributes.withSize(null);
            MemoryFile file = store.newFile(initial, now, mode == CreateMode.EXCLUSIVE, verifier);
            if (attributes.size() != null && attributes.size() > 0) {
                file.writeLock().lock();
                try {
                    file.resize(attributes.size(), store.space);
                    file.publish();
                } finally {
                    file.writeLock().unlock();
                }
            }
            return added(dir, before, name, file, now);
        } finally {
            l.unlock();
        }
    }

    /** CREATE of a name that exists: RFC 1813 section 3.3.8 per mode. Directory lock held. */
    private CreateResult createExisting(MemoryDirectory dir, FileAttributes before, MemoryDirectory.Entry existing,
                                        CreateMode mode, SetAttributes attributes, long verifier) throws NfsException {
        WccData unchanged = WccData.of(before, before);
        if (!(existing.inode() instanceof MemoryFile file)) {
            throw new ExistException("create '" + existing.name() + "': exists as a " + existing.inode().type());
        }
        switch (mode) {
            case GUARDED -> throw new ExistException("create '" + existing.name() + "' (GUARDED): the name exists");
            case EXCLUSIVE -> {
                if (!file.createdExclusivelyWith(verifier)) {
                    throw new ExistException("create '" + existing.name() + "' (EXCLUSIVE): exists with another verifier");
                }
                return new CreateResult(file.handle(), file.attributes(), unchanged);
            }
            case UNCHECKED -> {
                if (attributes.size() == null) {
                    return new CreateResult(file.handle(), file.attributes(), unchanged);
                }
                Lock fl = file.writeLock();
                fl.lock();
                try {
                    file.requireAlive();
                    file.resize(attributes.size(), store.space);
                    file.modified(store.now());
                    return new CreateResult(file.handle(), file.publish(), unchanged);
                } finally {
                    fl.unlock();
                }
            }
            default -> throw new IllegalArgumentException("create mode " + mode);
        }
    }

    CreateResult mkdir(FileHandle directory, FileName name, SetAttributes attributes) throws NfsException {
        name.requireCreatable();
        MemoryDirectory dir = store.directory(directory, "mkdir");
        Lock l = dir.writeLock();
        l.lock();
        try {
            dir.requireAlive();
            FileAttributes before = dir.attributes();
            requireAbsent(dir, name, "mkdir");
            store.space.reserve(SpaceAccount.INODE_BYTES + SpaceAccount.entryCost(name.length()), "mkdir '" + name + "'");
            long now = store.now();
            MemoryDirectory child = store.newDirectory(dir, attributes.withSize(null), now);
            dir.addLinks(1);
            return added(dir, before, name, child, now);
        } finally {
            l.unlock();
        }
    }

    CreateResult symlink(FileHandle directory, FileName name, byte[] target, SetAttributes attributes) throws NfsException {
        if (target.length == 0) {
            throw new InvalException("symlink '" + name + "': empty target");
        }
        if (target.length > MAX_SYMLINK_TARGET) {
            throw new NameTooLongException("symlink '" + name + "': target of " + target.length
                    + " bytes exceeds the limit of " + MAX_SYMLINK_TARGET);
        }
        name.requireCreatable();
        MemoryDirectory dir = store.directory(directory, "symlink");
        Lock l = dir.writeLock();
        l.lock();
        try {
            dir.requireAlive();
            FileAttributes before = dir.attributes();
            requireAbsent(dir, name, "symlink");
            store.space.reserve(SpaceAccount.INODE_BYTES + SpaceAccount.entryCost(name.length()) + target.length,
                    "symlink '" + name + "'");
            long now = store.now();
            return added(dir, before, name, store.newSymlink(attributes.withSize(null), now, target), now);
        } finally {
            l.unlock();
        }
    }

    CreateResult mknod(FileHandle directory, FileName name, FileType type, SetAttributes attributes, int major, int minor)
            throws NfsException {
        if (type == FileType.REGULAR || type == FileType.DIRECTORY || type == FileType.SYMLINK) {
            throw new BadTypeException("mknod '" + name + "': type " + type + " is made by CREATE, MKDIR or SYMLINK");
        }
        name.requireCreatable();
        MemoryDirectory dir = store.directory(directory, "mknod");
        Lock l = dir.writeLock();
        l.lock();
        try {
            dir.requireAlive();
            FileAttributes before = dir.attributes();
            requireAbsent(dir, name, "mknod");
            store.space.reserve(SpaceAccount.INODE_BYTES + SpaceAccount.entryCost(name.length()), "mknod '" + name + "'");
            long now = store.now();
            return added(dir, before, name, store.newSpecial(attributes.withSize(null), now, type, major, minor), now);
        } finally {
            l.unlock();
        }
    }

    /** Links a new inode into {@code dir} under {@code name}. Directory write lock held, space reserved. */
    private static CreateResult added(MemoryDirectory dir, FileAttributes before, FileName name, MemoryInode child, long now) {
        dir.add(name, child);
        dir.modified(now);
        FileAttributes after = dir.publish();
        return new CreateResult(child.handle(), child.attributes(), WccData.of(before, after));
    }

    WccData remove(FileHandle directory, FileName name) throws NfsException {
        name.requireRemovable();
        MemoryDirectory dir = store.directory(directory, "remove");
        Lock l = dir.writeLock();
        l.lock();
        try {
            dir.requireAlive();
            FileAttributes before = dir.attributes();
            MemoryInode child = existing(dir, name).inode();
            if (child instanceof MemoryDirectory) {
                throw new IsDirException("remove '" + name + "': is a directory (use rmdir)");
            }
            long now = store.now();
            Lock cl = child.writeLock();
            cl.lock();
            try {
                dir.remove(name);
                store.space.release(SpaceAccount.entryCost(name.length()));
                unlinked(child, now);
            } finally {
                cl.unlock();
            }
            dir.modified(now);
            return WccData.of(before, dir.publish());
        } finally {
            l.unlock();
        }
    }

    /** A non-directory lost a name: fewer links, a new ctime, freed with its last link. Child write lock held. */
    void unlinked(MemoryInode child, long now) {
        child.addLinks(-1);
        child.changed(now);
        if (child.nlink() == 0) {
            store.free(child);
        } else {
            child.publish();
        }
    }

    WccData rmdir(FileHandle directory, FileName name) throws NfsException {
        name.requireRemovable();
        MemoryDirectory dir = store.directory(directory, "rmdir");
        Lock l = dir.writeLock();
        l.lock();
        try {
            dir.requireAlive();
            FileAttributes before = dir.attributes();
            MemoryInode child = existing(dir, name).inode();
            if (!(child instanceof MemoryDirectory victim)) {
                throw new NotDirException("rmdir '" + name + "': is a " + child.type() + ", not a directory");
            }
            Lock cl = victim.writeLock();
            cl.lock();
            try {
                if (!victim.isEmpty()) {
                    throw new NotEmptyException("rmdir '" + name + "': holds " + victim.entryCount() + " entries");
                }
                dir.remove(name);
                store.space.release(SpaceAccount.entryCost(name.length()));
                dir.addLinks(-1);
                store.free(victim);
            } finally {
                cl.unlock();
            }
            dir.modified(store.now());
            return WccData.of(before, dir.publish());
        } finally {
            l.unlock();
        }
    }

    LinkResult link(FileHandle file, FileHandle directory, FileName name) throws NfsException {
        name.requireCreatable();
        MemoryInode target = store.resolve(file);
        if (target instanceof MemoryDirectory) {
            throw new IsDirException("link to " + target + ": directories cannot have hard links");
        }
        MemoryDirectory dir = store.directory(directory, "link");
        Lock l = dir.writeLock();
        l.lock();
        try {
            dir.requireAlive();
            FileAttributes before = dir.attributes();
            requireAbsent(dir, name, "link");
            Lock tl = target.writeLock();
            tl.lock();
            try {
                target.requireAlive();
                if (target.nlink() >= MemoryStore.LINK_MAX) {
                    throw new MLinkException("link '" + name + "': " + target + " already has " + target.nlink()
                            + " links, the limit is " + MemoryStore.LINK_MAX);
                }
                store.space.reserve(SpaceAccount.entryCost(name.length()), "link '" + name + "'");
                long now = store.now();
                dir.add(name, target);
                target.addLinks(1);
                target.changed(now);
                FileAttributes linked = target.publish();
                dir.modified(now);
                return new LinkResult(linked, WccData.of(before, dir.publish()));
            } finally {
                tl.unlock();
            }
        } finally {
            l.unlock();
        }
    }

    static MemoryDirectory.Entry existing(MemoryDirectory dir, FileName name) throws NoEntException {
        MemoryDirectory.Entry e = dir.get(name);
        if (e == null) {
            throw new NoEntException("no '" + name + "' in " + dir);
        }
        return e;
    }

    private static void requireAbsent(MemoryDirectory dir, FileName name, String operation) throws ExistException {
        MemoryDirectory.Entry e = dir.get(name);
        if (e != null) {
            throw new ExistException(operation + " '" + name + "': exists as a " + e.inode().type());
        }
    }
}
