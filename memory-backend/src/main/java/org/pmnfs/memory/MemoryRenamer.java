package org.pmnfs.memory;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.IsDirException;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.NotDirException;
import org.pmnfs.vfs.NotEmptyException;
import org.pmnfs.vfs.RenameResult;
import org.pmnfs.vfs.WccData;

/**
 * RENAME for the memory store, with POSIX rename(2) semantics and without deadlocks.
 *
 * <p>Locking: a rename inside one directory locks it, then the moved and the replaced inode in
 * inode-number order. A rename between two directories first takes {@link #crossDirectoryLock}
 * (as Linux takes s_vfs_rename_mutex): only such renames change a directory's parent, so while it
 * is held the tree's shape above any directory is fixed and ancestry checks are reliable. It then
 * locks the ancestor directory before the descendant (unrelated ones by inode number), keeping the
 * store-wide parent-before-child order, and refuses, before locking any child, the two moves that
 * would break that order: a directory into its own subtree (INVAL) and over one of the source's
 * ancestors (NOTEMPTY, since that target holds the source).
 */
final class MemoryRenamer {

    private final MemoryStore store;
    private final MemoryNamespace namespace;

    /** Held by every rename between two different directories; guards the directories' parent pointers. */
    private final ReentrantLock crossDirectoryLock = new ReentrantLock();

    MemoryRenamer(MemoryStore store, MemoryNamespace namespace) {
        this.store = store;
        this.namespace = namespace;
    }

    RenameResult rename(FileHandle fromDirectory, FileName fromName, FileHandle toDirectory, FileName toName)
            throws NfsException {
        fromName.requireRemovable();
        toName.requireRemovable();
        MemoryDirectory from = store.directory(fromDirectory, "rename");
        MemoryDirectory to = store.directory(toDirectory, "rename");
        if (from == to) {
            return withinDirectory(from, fromName, toName);
        }
        crossDirectoryLock.lock();
        try {
            return acrossDirectories(from, fromName, to, toName);
        } finally {
            crossDirectoryLock.unlock();
        }
    }

    private RenameResult withinDirectory(MemoryDirectory dir, FileName fromName, FileName toName) throws NfsException {
        Lock l = dir.writeLock();
        l.lock();
        try {
            dir.requireAlive();
            FileAttributes before = dir.attributes();
            MemoryDirectory.Entry source = MemoryNamespace.existing(dir, fromName);
            MemoryDirectory.Entry target = dir.get(toName);
            if (target != null && target.inode() == source.inode()) {
                WccData unchanged = WccData.of(before, before);
                return new RenameResult(unchanged, unchanged);
            }
            checkTypes(source, target);
            move(dir, source, dir, toName, target);
            WccData wcc = WccData.of(before, dir.publish());
            return new RenameResult(wcc, wcc);
        } finally {
            l.unlock();
        }
    }

    /** Caller holds {@link #crossDirectoryLock}. */
    private RenameResult acrossDirectories(MemoryDirectory from, FileName fromName, MemoryDirectory to, FileName toName)
            throws NfsException {
        boolean fromFirst = isAncestor(from, to) || (!isAncestor(to, from) && from.ino() < to.ino());
        Lock first = (fromFirst ? from : to).writeLock();
        Lock second = (fromFirst ? to : from).writeLock();
        first.lock();
        try {
            second.lock();
            try {
                from.requireAlive();
                to.requireAlive();
                FileAttributes fromBefore = from.attributes();
                FileAttributes toBefore = to.attributes();
                MemoryDirectory.Entry source = MemoryNamespace.existing(from, fromName);
                if (source.inode() instanceof MemoryDirectory moved && (moved == to || isAncestor(moved, to))) {
                    throw new InvalException("rename '" + fromName + "': cannot move " + moved + " into its own subtree");
                }
                MemoryDirectory.Entry target = to.get(toName);
                if (target != null && target.inode() == source.inode()) {
                    return new RenameResult(WccData.of(fromBefore, fromBefore), WccData.of(toBefore, toBefore));
                }
                checkTypes(source, target);
                if (target != null && target.inode() instanceof MemoryDirectory replaced && isAncestor(replaced, from)) {
                    throw new NotEmptyException("rename onto '" + toName + "': " + replaced + " holds the source directory");
                }
                move(from, source, to, toName, target);
                return new RenameResult(WccData.of(fromBefore, from.publish()), WccData.of(toBefore, to.publish()));
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }

    /**
     * Moves {@code source} to {@code toName} in {@code to}, replacing {@code target} if present.
     * Both directories are write-locked and the types were checked; locks the two children here.
     */
    private void move(MemoryDirectory from, MemoryDirectory.Entry source, MemoryDirectory to, FileName toName,
                      MemoryDirectory.Entry target) throws NfsException {
        MemoryInode moved = source.inode();
        MemoryInode replaced = target == null ? null : target.inode();
        MemoryInode lockedFirst = replaced == null || moved.ino() < replaced.ino() ? moved : replaced;
        MemoryInode lockedSecond = lockedFirst == moved ? replaced : moved;
        lockedFirst.writeLock().lock();
        try {
            if (lockedSecond != null) {
                lockedSecond.writeLock().lock();
            }
            try {
                if (replaced instanceof MemoryDirectory d && !d.isEmpty()) {
                    throw new NotEmptyException("rename onto '" + toName + "': " + d + " holds " + d.entryCount() + " entries");
                }
                long sourceCost = SpaceAccount.entryCost(source.name().length());
                long targetCost = SpaceAccount.entryCost(toName.length());
                if (replaced == null) {
                    store.space.reserve(Math.max(0, targetCost - sourceCost), "rename to '" + toName + "'");
                }
                long now = store.now();
                from.remove(source.name());
                if (replaced != null) {
                    to.remove(toName);
                    detach(to, replaced, now);
                }
                to.add(toName, moved);
                if (moved instanceof MemoryDirectory dir && from != to) {
                    from.addLinks(-1);
                    to.addLinks(1);
                    dir.setParent(to);
                }
                moved.changed(now);
                moved.publish();
                from.modified(now);
                to.modified(now);
                store.space.release(replaced == null ? Math.max(0, sourceCost - targetCost) : sourceCost);
            } finally {
                if (lockedSecond != null) {
                    lockedSecond.writeLock().unlock();
                }
            }
        } finally {
            lockedFirst.writeLock().unlock();
        }
    }

    /** The object a rename replaced lost its name in {@code to}. Its write lock is held. */
    private void detach(MemoryDirectory to, MemoryInode replaced, long now) {
        if (replaced instanceof MemoryDirectory) {
            to.addLinks(-1);
            store.free(replaced);
        } else {
            namespace.unlinked(replaced, now);
        }
    }

    private static void checkTypes(MemoryDirectory.Entry source, MemoryDirectory.Entry target) throws NfsException {
        if (target == null) {
            return;
        }
        boolean sourceIsDir = source.inode() instanceof MemoryDirectory;
        boolean targetIsDir = target.inode() instanceof MemoryDirectory;
        if (sourceIsDir && !targetIsDir) {
            throw new NotDirException("rename of directory '" + source.name() + "' onto '" + target.name()
                    + "', a " + target.inode().type());
        }
        if (!sourceIsDir && targetIsDir) {
            throw new IsDirException("rename of '" + source.name() + "' onto directory '" + target.name() + "'");
        }
    }

    /**
     * True when {@code ancestor} is a strict ancestor of {@code dir}. Reliable only while
     * {@link #crossDirectoryLock} is held (parent pointers change only under it).
     */
    private static boolean isAncestor(MemoryDirectory ancestor, MemoryDirectory dir) {
        MemoryDirectory d = dir;
        while (true) {
            MemoryDirectory p = d.parent();
            if (p == d) {
                return false;
            }
            if (p == ancestor) {
                return true;
            }
            d = p;
        }
    }
}
