package org.pmnfs.pmem;

import static org.pmnfs.pmem.layout.InodeLayout.*;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.pmem.layout.RadixLayout;
import org.pmnfs.vfs.BadTypeException;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.CreateResult;
import org.pmnfs.vfs.ExistException;
import org.pmnfs.vfs.FBigException;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.InvalException;
import org.pmnfs.vfs.IsDirException;
import org.pmnfs.vfs.LinkResult;
import org.pmnfs.vfs.MLinkException;
import org.pmnfs.vfs.NameTooLongException;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.NotDirException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.WccData;

/**
 * CREATE, MKDIR, SYMLINK, MKNOD and LINK. Each new object is one transaction: the inode slot
 * (generation bumped), the dirent (and a new dirent block if the directory is full), and the
 * parent's counts and times, all logged, then committed together.
 */
final class CreateOps {

    /** Permission bits of a new file when the client sends none. */
    static final int DEFAULT_FILE_MODE = 0644;
    /** Permission bits of a new directory when the client sends none. */
    static final int DEFAULT_DIR_MODE = 0755;

    /** Largest device numbers Linux's new_encode_dev (the u32 i_rdev) can hold: 12 and 20 bits. */
    static final int MAX_DEV_MAJOR = 0xfff;
    static final int MAX_DEV_MINOR = 0xfffff;

    private final PmemFs fs;
    private final PmemDevice dev;
    private final AttrOps attrOps;

    CreateOps(PmemFs fs, AttrOps attrOps) {
        this.fs = fs;
        this.dev = fs.dev;
        this.attrOps = attrOps;
    }

    /** What the new inode is, beyond its type. */
    private record Spec(FileType type, SetAttributes attrs, long verifier, byte[] target, int rdev) {}

    CreateResult create(FileHandle dir, FileName name, CreateMode mode, SetAttributes sa, long verifier) throws IOException {
        name.requireCreatable();
        if (sa.size() != null && sa.size() > RadixLayout.MAX_FILE_SIZE) {
            throw new FBigException("size " + sa.size() + " passes the maximum file size of " + RadixLayout.MAX_FILE_SIZE);
        }
        Object r = make(dir, name, new Spec(FileType.REGULAR, sa, mode == CreateMode.EXCLUSIVE ? verifier : 0, null, 0), mode);
        if (r instanceof CreateResult c) {
            return c;
        }
        // UNCHECKED found an existing regular file: apply the size, as open(O_CREAT|O_TRUNC) would.
        Existing e = (Existing) r;
        FileAttributes a = e.attrs;
        if (sa.size() != null) {
            a = attrOps.setattr(e.handle, SetAttributes.ofSize(sa.size()), null).after();
        }
        return new CreateResult(e.handle, a, WccData.of(e.dirAttrs, e.dirAttrs));
    }

    CreateResult mkdir(FileHandle dir, FileName name, SetAttributes sa) throws IOException {
        name.requireCreatable();
        return (CreateResult) make(dir, name, new Spec(FileType.DIRECTORY, sa, 0, null, 0), CreateMode.GUARDED);
    }

    CreateResult symlink(FileHandle dir, FileName name, byte[] target, SetAttributes sa) throws IOException {
        name.requireCreatable();
        if (target.length == 0) {
            throw new InvalException("symlink target is empty");
        }
        if (target.length > SYMLINK_MAX) {
            throw new NameTooLongException("symlink target of " + target.length + " bytes exceeds the limit of " + SYMLINK_MAX);
        }
        return (CreateResult) make(dir, name, new Spec(FileType.SYMLINK, sa, 0, target.clone(), 0), CreateMode.GUARDED);
    }

    CreateResult mknod(FileHandle dir, FileName name, FileType type, SetAttributes sa, int major, int minor) throws IOException {
        name.requireCreatable();
        if (type != FileType.BLOCK && type != FileType.CHARACTER && type != FileType.SOCKET && type != FileType.FIFO) {
            throw new BadTypeException("mknod cannot create a " + type);
        }
        boolean device = type == FileType.BLOCK || type == FileType.CHARACTER;
        if (device && (Integer.compareUnsigned(major, MAX_DEV_MAJOR) > 0 || Integer.compareUnsigned(minor, MAX_DEV_MINOR) > 0)) {
            throw new InvalException("device number " + Integer.toUnsignedString(major) + ":" + Integer.toUnsignedString(minor)
                    + " does not fit the 32-bit dev_t PMFS2 stores (major <= " + MAX_DEV_MAJOR + ", minor <= " + MAX_DEV_MINOR + ")");
        }
        int rdev = device ? encodeDev(major, minor) : 0;
        return (CreateResult) make(dir, name, new Spec(type, sa, 0, null, rdev), CreateMode.GUARDED);
    }

    /** An existing regular file that UNCHECKED CREATE returns. */
    private record Existing(FileHandle handle, FileAttributes attrs, FileAttributes dirAttrs) {}

    /**
     * The common create path: take an inode number (the table may grow, in its own transaction),
     * lock the directory and the new inode, check the name, then one transaction:
     * (1) log and overwrite the inode slot (generation + 1, nlink, mode, owner, times, union);
     * (2) for a long symlink, fill a fresh block with the target;
     * (3) insert the dirent (logged slots, maybe a fresh dirent block linked from the tail);
     * (4) parent: ndents + 1, mtime/ctime, nlink + 1 for a directory;
     * (5) commit. A crash before (5) completes rolls all of it back: no half-made entry.
     */
    private Object make(FileHandle dirH, FileName name, Spec spec, CreateMode mode) throws IOException {
        HandleCodec.InodeRef dr = fs.ref(dirH);
        long ino = fs.itable.allocate();
        boolean used = false;
        try (InodeLocks.Held _ = fs.locks.writeAll(dr.ino(), ino)) {
            long dip = fs.live(dr);
            FileAttributes dirBefore = fs.attrs(dr.ino(), dip);
            if (dirBefore.type() != FileType.DIRECTORY) {
                throw new NotDirException("inode " + dr.ino() + " is a " + dirBefore.type() + ", not a directory");
            }
            DirIndex d = fs.dirs.index(dr.ino(), dip);
            DirIndex.Entry e = d.get(name);
            if (e != null) {
                return existing(e, name, spec, mode, dirBefore);
            }
            if (spec.type == FileType.DIRECTORY && dirBefore.nlink() >= LINK_MAX) {
                throw new MLinkException("directory inode " + dr.ino() + " has " + dirBefore.nlink() + " links, the limit");
            }
            boolean longLink = spec.target != null && spec.target.length > SYMLINK_INLINE_MAX;
            long need = fs.dirs.blocksForInsert(d, name) + (longLink ? 1 : 0);
            long now = fs.clock.now();
            long ip = fs.inodeOffset(ino);
            try (BlockAllocator.Reservation res = fs.alloc.reserve(need); Tx tx = fs.begin()) {
                tx.undo(ip, SIZE);
                fs.dirs.logInsert(tx, dip, d, name);
                int perm = spec.attrs.mode() != null ? spec.attrs.mode()
                        : spec.type == FileType.DIRECTORY ? DEFAULT_DIR_MODE : DEFAULT_FILE_MODE;
                long atime = spec.attrs.atime().changes() ? spec.attrs.atime().resolve(now) : now;
                long mtime = spec.attrs.mtime().changes() ? spec.attrs.mtime().resolve(now) : now;
                Inodes.Image img = new Inodes.Image(ino, Inodes.nextGeneration(Inodes.generation(dev, ip)))
                        .mode(Inodes.typeBits(spec.type) | perm)
                        .owner(spec.attrs.uid() == null ? 0 : spec.attrs.uid(), spec.attrs.gid() == null ? 0 : spec.attrs.gid())
                        .times(atime, mtime, now);
                switch (spec.type) {
                    case DIRECTORY -> img.nlink(2).set64(DIR_PARENT, dr.ino());
                    case REGULAR -> img.nlink(1).size(spec.attrs.size() == null ? 0 : spec.attrs.size())
                            .set64(CREATE_VERIFIER, spec.verifier);
                    case SYMLINK -> {
                        img.nlink(1).size(spec.target.length);
                        if (!longLink) {
                            img.union(spec.target);
                        }
                    }
                    case BLOCK, CHARACTER -> img.nlink(1).set32(RDEV, spec.rdev);
                    default -> img.nlink(1);
                }
                if (longLink) {
                    long bn = tx.allocateZeroed(res);
                    tx.write(OnMedia.blockOffset(bn), MemorySegment.ofArray(spec.target), 0, spec.target.length);
                    img.set64(SYM_DPP, OnMedia.blockOffset(bn)).set64(SYM_BN, bn).set64(BLOCKS, 1);
                }
                img.writeTo(tx, ip);
                fs.dirs.insert(tx, dip, d, name, ino, direntType(Inodes.typeBits(spec.type)), res);
                touchDir(tx, dip, now, spec.type == FileType.DIRECTORY ? 1 : 0);
                tx.commit();
                used = true;
            } catch (IOException | RuntimeException ex) {
                fs.dirs.drop(dr.ino());
                throw ex;
            }
            fs.itable.committedCreate();
            return new CreateResult(fs.handle(ino, ip), fs.attrs(ino, ip), WccData.of(dirBefore, fs.attrs(dr.ino(), dip)));
        } finally {
            if (!used) {
                fs.itable.unallocate(ino);
            }
        }
    }

    private Object existing(DirIndex.Entry e, FileName name, Spec spec, CreateMode mode, FileAttributes dirAttrs)
            throws NfsException {
        long cip = fs.inodeOffset(e.ino());
        FileType t = Inodes.typeOf(Inodes.mode(dev, cip));
        boolean regular = t == FileType.REGULAR && spec.type == FileType.REGULAR;
        if (regular && mode == CreateMode.UNCHECKED) {
            return new Existing(fs.handle(e.ino(), cip), fs.attrs(e.ino(), cip), dirAttrs);
        }
        if (regular && mode == CreateMode.EXCLUSIVE && spec.verifier == dev.getLong(cip + CREATE_VERIFIER)) {
            return new CreateResult(fs.handle(e.ino(), cip), fs.attrs(e.ino(), cip), WccData.of(dirAttrs, dirAttrs));
        }
        throw new ExistException("'" + name + "' already exists (inode " + e.ino() + ", a " + t + ")");
    }

    /** Parent after a new entry: mtime and ctime now, nlink + {@code links}. The inode is logged by the insert. */
    private void touchDir(Tx tx, long dip, long now, int links) {
        tx.putLong(dip + MTIME, now);
        tx.putLong(dip + CTIME, now);
        if (links != 0) {
            tx.putInt(dip + NLINK, (int) (Inodes.nlink(dev, dip) + links));
        }
    }

    /**
     * LINK: one transaction adds the dirent and raises the file's nlink (and ctime), so a crash
     * never leaves an entry whose target's count does not include it.
     */
    LinkResult link(FileHandle file, FileHandle dir, FileName name) throws IOException {
        name.requireCreatable();
        HandleCodec.InodeRef fr = fs.ref(file);
        HandleCodec.InodeRef dr = fs.ref(dir);
        try (InodeLocks.Held _ = fs.locks.writeAll(dr.ino(), fr.ino())) {
            long dip = fs.live(dr);
            long fip = fs.live(fr);
            FileAttributes dirBefore = fs.attrs(dr.ino(), dip);
            FileAttributes fa = fs.attrs(fr.ino(), fip);
            if (dirBefore.type() != FileType.DIRECTORY) {
                throw new NotDirException("inode " + dr.ino() + " is a " + dirBefore.type() + ", not a directory");
            }
            if (fa.type() == FileType.DIRECTORY) {
                throw new IsDirException("cannot hard-link directory inode " + fr.ino());
            }
            DirIndex d = fs.dirs.index(dr.ino(), dip);
            if (d.get(name) != null) {
                throw new ExistException("'" + name + "' already exists in directory inode " + dr.ino());
            }
            if (fa.nlink() >= LINK_MAX) {
                throw new MLinkException("inode " + fr.ino() + " has " + fa.nlink() + " links, the limit");
            }
            long now = fs.clock.now();
            try (BlockAllocator.Reservation res = fs.alloc.reserve(fs.dirs.blocksForInsert(d, name)); Tx tx = fs.begin()) {
                tx.undo(fip, SIZE);
                fs.dirs.logInsert(tx, dip, d, name);
                fs.dirs.insert(tx, dip, d, name, fr.ino(), direntType(Inodes.mode(dev, fip)), res);
                touchDir(tx, dip, now, 0);
                tx.putInt(fip + NLINK, (int) (fa.nlink() + 1));
                tx.putLong(fip + CTIME, now);
                tx.commit();
            } catch (IOException | RuntimeException ex) {
                fs.dirs.drop(dr.ino());
                throw ex;
            }
            return new LinkResult(fs.attrs(fr.ino(), fip), WccData.of(dirBefore, fs.attrs(dr.ino(), dip)));
        }
    }
}
