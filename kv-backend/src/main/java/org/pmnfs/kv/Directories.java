package org.pmnfs.kv;

import java.io.IOException;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.NotDirException;

/** Directory entries in the store: find by name (a point get), add and remove both keys of an entry, test emptiness. */
final class Directories {

    private final KvContext cx;

    Directories(KvContext cx) {
        this.cx = cx;
    }

    /** The entry {@code name} of directory {@code dir} (with its version on a shared store), or null. */
    DirentRecord find(long dir, FileName name) throws IOException {
        if (cx.shared) {
            KvStore.Versioned v = cx.store.getVersioned(KeyCodec.dirent(dir, name));
            return v.value() == null ? null : DirentRecord.decodeByName(dir, name, v.value(), v.version());
        }
        byte[] v = cx.store.get(KeyCodec.dirent(dir, name));
        return v == null ? null : DirentRecord.decodeByName(dir, name, v);
    }

    void add(KvBatch batch, long dir, DirentRecord e) {
        batch.put(KeyCodec.dirent(dir, e.name()), e.encodeByName());
        batch.put(KeyCodec.cookie(dir, e.cookie()), e.encodeByCookie());
    }

    void remove(KvBatch batch, long dir, DirentRecord e) {
        batch.delete(KeyCodec.dirent(dir, e.name()));
        batch.delete(KeyCodec.cookie(dir, e.cookie()));
    }

    /** True when directory {@code dir} has no entries (a scan that stops at the first key). */
    boolean isEmpty(long dir) throws IOException {
        boolean[] empty = {true};
        cx.store.scan(KeyCodec.direntsStart(dir), KeyCodec.direntsEnd(dir), (k, v) -> {
            empty[0] = false;
            return false;
        });
        return empty[0];
    }

    /** The live record of a pinned inode that must be a directory. */
    InodeRecord requireDirectory(Inode n) throws IOException {
        InodeRecord r = cx.live(n);
        if (!r.isDirectory()) {
            throw new NotDirException("inode " + n.ino + " is a " + r.type() + ", not a directory");
        }
        return r;
    }

    /** True when two lookups found the same thing (both absent, or the same entry). */
    static boolean same(DirentRecord a, DirentRecord b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.ino() == b.ino() && a.cookie() == b.cookie() && a.version() == b.version();
    }
}
