package org.pmnfs.pmem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/** The operations crash scripts are made of: each applies itself to a backend and to a model. */
final class CrashOps {

    private CrashOps() {}

    /** One scripted operation. */
    interface Op {
        void apply(FileSystemBackend fs) throws IOException;

        void model(CrashModel m);

        /** The path whose file data this op changes without journaling (writes, commits), else null. */
        default String dataPath() {
            return null;
        }
    }

    static FileHandle resolve(FileSystemBackend fs, String path) throws IOException {
        FileHandle h = fs.root();
        if (path.equals("/")) {
            return h;
        }
        for (String part : path.substring(1).split("/")) {
            h = fs.lookup(h, FileName.of(part)).handle();
        }
        return h;
    }

    static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i == 0 ? "/" : path.substring(0, i);
    }

    static FileName leaf(String path) {
        try {
            return FileName.of(path.substring(path.lastIndexOf('/') + 1));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    record Mkdir(String path) implements Op {
        public void apply(FileSystemBackend fs) throws IOException {
            fs.mkdir(resolve(fs, parent(path)), leaf(path), SetAttributes.ofMode(0755));
        }

        public void model(CrashModel m) {
            m.add(path, CrashModel.Obj.of(FileType.DIRECTORY));
        }
    }

    record Create(String path) implements Op {
        public void apply(FileSystemBackend fs) throws IOException {
            fs.create(resolve(fs, parent(path)), leaf(path), CreateMode.GUARDED, SetAttributes.ofMode(0644), 0);
        }

        public void model(CrashModel m) {
            m.add(path, CrashModel.Obj.of(FileType.REGULAR));
        }
    }

    record Mknod(String path) implements Op {
        public void apply(FileSystemBackend fs) throws IOException {
            fs.mknod(resolve(fs, parent(path)), leaf(path), FileType.FIFO, SetAttributes.ofMode(0600), 0, 0);
        }

        public void model(CrashModel m) {
            m.add(path, CrashModel.Obj.of(FileType.FIFO));
        }
    }

    record Symlink(String path, String target) implements Op {
        public void apply(FileSystemBackend fs) throws IOException {
            fs.symlink(resolve(fs, parent(path)), leaf(path), target.getBytes(StandardCharsets.UTF_8), SetAttributes.ofMode(0777));
        }

        public void model(CrashModel m) {
            m.add(path, CrashModel.Obj.symlink(target.getBytes(StandardCharsets.UTF_8)));
        }
    }

    record Link(String existing, String path) implements Op {
        public void apply(FileSystemBackend fs) throws IOException {
            fs.link(resolve(fs, existing), resolve(fs, parent(path)), leaf(path));
        }

        public void model(CrashModel m) {
            m.paths.put(path, m.paths.get(existing));
        }
    }

    record Unlink(String path) implements Op {
        public void apply(FileSystemBackend fs) throws IOException {
            fs.remove(resolve(fs, parent(path)), leaf(path));
        }

        public void model(CrashModel m) {
            m.unlink(path);
        }
    }

    record Rmdir(String path) implements Op {
        public void apply(FileSystemBackend fs) throws IOException {
            fs.rmdir(resolve(fs, parent(path)), leaf(path));
        }

        public void model(CrashModel m) {
            m.unlink(path);
        }
    }

    record Rename(String from, String to) implements Op {
        public void apply(FileSystemBackend fs) throws IOException {
            fs.rename(resolve(fs, parent(from)), leaf(from), resolve(fs, parent(to)), leaf(to));
        }

        public void model(CrashModel m) {
            m.rename(from, to);
        }
    }

    record Write(String path, long offset, byte[] data, StableHow how) implements Op {
        public void apply(FileSystemBackend fs) throws IOException {
            fs.write(resolve(fs, path), offset, ByteBuffer.wrap(data), how);
        }

        public void model(CrashModel m) {
            CrashModel.Obj o = m.at(path);
            // UNSTABLE is only deferred for overwrites of mapped pages inside the file; everything else is persisted at once.
            boolean deferred = how == StableHow.UNSTABLE && offset + data.length <= o.size() && allMapped(o);
            m.replace(path, o.write(offset, data, !deferred));
        }

        private boolean allMapped(CrashModel.Obj o) {
            for (long p = offset / CrashModel.PAGE; p <= (offset + data.length - 1) / CrashModel.PAGE; p++) {
                if (!o.pages().containsKey(p)) {
                    return false;
                }
            }
            return true;
        }

        public String dataPath() {
            return path;
        }
    }

    record Truncate(String path, long size) implements Op {
        public void apply(FileSystemBackend fs) throws IOException {
            fs.setattr(resolve(fs, path), SetAttributes.ofSize(size), null);
        }

        public void model(CrashModel m) {
            m.replace(path, m.at(path).resize(size));
        }
    }

    record Commit(String path) implements Op {
        public void apply(FileSystemBackend fs) throws IOException {
            fs.commit(resolve(fs, path), 0, 0);
        }

        public void model(CrashModel m) {
            m.replace(path, m.at(path).committed());
        }

        public String dataPath() {
            return path;
        }
    }

    /** Clean shutdown: persists UNSTABLE data, writes the snapshot and the clean flag. */
    record Close() implements Op {
        public void apply(FileSystemBackend fs) throws IOException {
            fs.close();
        }

        public void model(CrashModel m) {
            for (String p : m.paths.keySet()) {
                CrashModel.Obj o = m.at(p);
                if (o.type() == FileType.REGULAR) {
                    m.replace(p, o.committed());
                }
            }
        }
    }
}
