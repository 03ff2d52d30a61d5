package org.pmnfs.kv;

import java.io.IOException;
import org.pmnfs.vfs.BadTypeException;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.CreateResult;
import org.pmnfs.vfs.ExistException;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.IsDirException;
import org.pmnfs.vfs.LinkResult;
import org.pmnfs.vfs.MLinkException;
import org.pmnfs.vfs.NameTooLongException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.WccData;

/**
 * CREATE, MKDIR, SYMLINK, MKNOD and LINK: each adds one directory entry, and for a new object its
 * inode, in one atomic batch with the directory's new record, so a crash leaves either nothing or
 * a complete, linked object.
 */
final class Creator {

    /** Longest symbolic link target, in bytes (PATH_MAX - 1). */
    static final int MAX_SYMLINK_BYTES = 4095;

    private final KvContext cx;
    private final Directories dirs;
    private final FileData data;
    private final Attributes attributes;

    Creator(KvContext cx, Directories dirs, FileData data, Attributes attributes) {
        this.cx = cx;
        this.dirs = dirs;
        this.data = data;
        this.attributes = attributes;
    }

    /** What a new object is, beyond its type. */
    private record Spec(FileType type, SetAttributes attrs, byte[] target, int major, int minor,
                        boolean exclusive, long verifier) {}

    CreateResult create(FileHandle directory, FileName name, CreateMode mode, SetAttributes attrs, long verifier)
            throws IOException {
        name.requireCreatable();
        Inode dir = cx.pin(directory);
        try {
            // The directory's lock first, then one lookup: entries change only under their
            // directory's lock, so an absent name stays absent until the batch is written (on a
            // shared store the batch's conditions catch another server's change and it retries).
            try (LockSet locks = LockSet.lock(cx.inodes, dir.ino)) {
                InodeRecord dr = dirs.requireDirectory(dir);
                DirentRecord found = dirs.find(dir.ino, name);
                if (found == null) {
                    return make(locks, dir, dr, name, new Spec(FileType.REGULAR, attrs, null, 0, 0,
                            mode == CreateMode.EXCLUSIVE, verifier));
                }
                // On a shared store another server may have removed the entry's inode before
                // extend read it: look again after, as the fallback does.
                if (locks.extend(found.ino()) && (!cx.shared || Directories.same(found, dirs.find(dir.ino, name)))) {
                    return existing(locks.get(found.ino()), dir, dr, name, mode, attrs, verifier);
                }
            }
            // The entry's inode sorts before the directory's: lock both in order, look again.
            while (true) {
                DirentRecord found = dirs.find(dir.ino, name);
                try (LockSet locks = LockSet.lock(cx.inodes, dir.ino, found == null ? 0 : found.ino())) {
                    InodeRecord dr = dirs.requireDirectory(dir);
                    if (!Directories.same(found, dirs.find(dir.ino, name))) {
                        continue;
                    }
                    if (found == null) {
                        return make(locks, dir, dr, name, new Spec(FileType.REGULAR, attrs, null, 0, 0,
                                mode == CreateMode.EXCLUSIVE, verifier));
                    }
                    return existing(locks.get(found.ino()), dir, dr, name, mode, attrs, verifier);
                }
            }
        } finally {
            cx.inodes.unpin(dir);
        }
    }

    private CreateResult existing(Inode child, Inode dir, InodeRecord dr, FileName name, CreateMode mode,
                                  SetAttributes attrs, long verifier) throws IOException {
        InodeRecord cr = cx.live(child);
        WccData unchanged = WccData.of(cx.attributes(dir.ino, dr), cx.attributes(dir.ino, dr));
        String what = "'" + name + "' exists in directory " + dir.ino;
        if (cr.type() != FileType.REGULAR) {
            throw new ExistException(what + " and is a " + cr.type());
        }
        switch (mode) {
            case GUARDED -> throw new ExistException(what);
            case EXCLUSIVE -> {
                if (!cr.hasVerifier() || cr.verifier() != verifier) {
                    throw new ExistException(what + " (not created with this EXCLUSIVE verifier)");
                }
                return new CreateResult(cx.handle(child.ino, cr), cx.attributes(child.ino, cr), unchanged);
            }
            default -> {
                if (attrs.size() != null) {
                    attributes.setLocked(child, SetAttributes.ofSize(attrs.size()), null);
                    cr = cx.live(child);
                }
                return new CreateResult(cx.handle(child.ino, cr), cx.attributes(child.ino, cr), unchanged);
            }
        }
    }

    CreateResult mkdir(FileHandle directory, FileName name, SetAttributes attrs) throws IOException {
        return createNew(directory, name, new Spec(FileType.DIRECTORY, attrs, null, 0, 0, false, 0));
    }

    CreateResult symlink(FileHandle directory, FileName name, byte[] target, SetAttributes attrs) throws IOException {
        if (target.length == 0) {
            throw new InvalException("symbolic link '" + name + "': empty target");
        }
        if (target.length > MAX_SYMLINK_BYTES) {
            throw new NameTooLongException("symbolic link '" + name + "': target of " + target.length
                    + " bytes exceeds " + MAX_SYMLINK_BYTES);
        }
        return createNew(directory, name, new Spec(FileType.SYMLINK, attrs, target.clone(), 0, 0, false, 0));
    }

    CreateResult mknod(FileHandle directory, FileName name, FileType type, SetAttributes attrs, int major, int minor)
            throws IOException {
        switch (type) {
            case BLOCK, CHARACTER -> { }
            case SOCKET, FIFO -> {
                major = 0;
                minor = 0;
            }
            default -> throw new BadTypeException("mknod cannot create a " + type);
        }
        return createNew(directory, name, new Spec(type, attrs, null, major, minor, false, 0));
    }

    @SuppressWarnings("try") // the lock set is held for the block, not read in it
    private CreateResult createNew(FileHandle directory, FileName name, Spec spec) throws IOException {
        name.requireCreatable();
        Inode dir = cx.pin(directory);
        try (LockSet locks = LockSet.lock(cx.inodes, dir.ino)) {
            InodeRecord dr = dirs.requireDirectory(dir);
            if (dirs.find(dir.ino, name) != null) {
                throw new ExistException("'" + name + "' exists in directory " + dir.ino);
            }
            return make(locks, dir, dr, name, spec);
        } finally {
            cx.inodes.unpin(dir);
        }
    }

    /** Creates the object; the caller holds the directory's lock and saw {@code name} absent. */
    private CreateResult make(LockSet locks, Inode dir, InodeRecord dr, FileName name, Spec spec) throws IOException {
        boolean isDir = spec.type == FileType.DIRECTORY;
        if (isDir && dr.nlink() >= KvContext.LINK_MAX) {
            throw new MLinkException("directory " + dir.ino + " has " + dr.nlink() + " links, the limit is " + KvContext.LINK_MAX);
        }
        long ino = cx.allocator.next();
        long now = cx.clock.now();
        SetAttributes a = spec.attrs;
        int mode = a.mode() != null ? a.mode() : defaultMode(spec.type);
        InodeRecord r = InodeRecord.create(spec.type, mode, a.uid() == null ? 0 : a.uid(), a.gid() == null ? 0 : a.gid(),
                isDir ? 2 : 1, now, KvContext.newGeneration(), isDir ? dir.ino : 0,
                isDir ? DirentRecord.FIRST_COOKIE : 0);
        if (spec.type == FileType.SYMLINK) {
            r = r.withSize(spec.target.length, now, now);
        } else if (spec.type == FileType.REGULAR && a.size() != null) {
            r = r.withSize(a.size(), now, now);
        }
        if (a.atime().changes() || a.mtime().changes()) {
            r = r.withTimes(a.atime().changes() ? a.atime().resolve(now) : now,
                    a.mtime().changes() ? a.mtime().resolve(now) : now, now);
        }
        if (spec.major != 0 || spec.minor != 0) {
            r = r.withDevice(spec.major, spec.minor);
        }
        if (spec.exclusive) {
            r = r.withVerifier(spec.verifier);
        }
        long cookie = dr.nextCookie();
        InodeRecord dr2 = dr.withDirectoryChange(isDir ? 1 : 0, cookie + 1, now);
        long usage = SpaceAccount.usage(r.type(), r.size());
        cx.space.charge(usage, "a new " + r.type() + " '" + name + "'");
        KvBatch batch = new KvBatch();
        batch.put(KeyCodec.inode(ino), r.encode());
        cx.expectAbsent(batch, KeyCodec.inode(ino));
        if (spec.target != null) {
            batch.put(KeyCodec.symlink(ino), spec.target);
        }
        dirs.add(batch, dir.ino, new DirentRecord(name, ino, spec.type, cookie));
        cx.expectEntry(batch, dir.ino, name, null);
        batch.put(KeyCodec.inode(dir.ino), dr2.encode());
        cx.expectInode(batch, dir);
        // 1. The inode, its entry (both keys) and the directory, in one batch: after a crash the
        //    object exists and is linked, or neither. On a shared store it applies only while the
        //    name is still free and the directory unchanged (another server's create retries).
        long version;
        try {
            version = cx.writeMetadata(batch);
        } catch (IOException e) {
            cx.space.refund(usage);
            throw e;
        }
        // 2. Memory follows the store.
        dir.setRecord(dr2);
        dir.stored(version);
        cx.inodes.unpin(cx.inodes.install(ino, r, version));
        cx.liveInodes.incrementAndGet();
        return new CreateResult(cx.handle(ino, r), cx.attributes(ino, r),
                WccData.of(cx.attributes(dir.ino, dr), cx.attributes(dir.ino, dr2)));
    }

    @SuppressWarnings("try") // the lock set is held for the block, not read in it
    LinkResult link(FileHandle file, FileHandle directory, FileName name) throws IOException {
        name.requireCreatable();
        Inode f = cx.pin(file);
        try {
            Inode dir = cx.pin(directory);
            try (LockSet locks = LockSet.lock(cx.inodes, dir.ino, f.ino)) {
                InodeRecord dr = dirs.requireDirectory(dir);
                InodeRecord fr = cx.live(f);
                if (fr.isDirectory()) {
                    throw new IsDirException("cannot link directory " + f.ino);
                }
                if (dirs.find(dir.ino, name) != null) {
                    throw new ExistException("'" + name + "' exists in directory " + dir.ino);
                }
                if (fr.nlink() >= KvContext.LINK_MAX) {
                    throw new MLinkException("inode " + f.ino + " has " + fr.nlink() + " links, the limit is " + KvContext.LINK_MAX);
                }
                data.settleLocked(f);
                long now = cx.clock.now();
                InodeRecord fr2 = fr.withNlink(fr.nlink() + 1, now);
                long cookie = dr.nextCookie();
                InodeRecord dr2 = dr.withDirectoryChange(0, cookie + 1, now);
                KvBatch batch = new KvBatch();
                dirs.add(batch, dir.ino, new DirentRecord(name, f.ino, fr.type(), cookie));
                cx.expectEntry(batch, dir.ino, name, null);
                batch.put(KeyCodec.inode(f.ino), fr2.encode());
                cx.expectInode(batch, f);
                batch.put(KeyCodec.inode(dir.ino), dr2.encode());
                cx.expectInode(batch, dir);
                // 1. Entry, raised nlink and directory together: nlink always counts the entries.
                long version = cx.writeMetadata(batch);
                f.setRecord(fr2);
                f.stored(version);
                dir.setRecord(dr2);
                dir.stored(version);
                return new LinkResult(cx.attributes(f.ino, fr2),
                        WccData.of(cx.attributes(dir.ino, dr), cx.attributes(dir.ino, dr2)));
            } finally {
                cx.inodes.unpin(dir);
            }
        } finally {
            cx.inodes.unpin(f);
        }
    }

    private static int defaultMode(FileType type) {
        return switch (type) {
            case DIRECTORY -> 0755;
            case SYMLINK -> 0777;
            default -> 0644;
        };
    }
}
