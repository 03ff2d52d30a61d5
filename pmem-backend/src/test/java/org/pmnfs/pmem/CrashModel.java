package org.pmnfs.pmem;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.pmnfs.vfs.FileType;

/**
 * What the file system should hold after a prefix of a crash script: paths to objects (hard
 * links share one), and per regular file its size and mapped 4 KiB pages. Each file keeps two
 * page sets: {@code pages} (the latest writes) and {@code stable} (what is guaranteed durable);
 * they differ only where an UNSTABLE write has not been committed yet.
 */
final class CrashModel {

    static final int PAGE = 4096;

    /** One object; immutable (a change makes a new one). */
    record Obj(FileType type, long size, TreeMap<Long, byte[]> pages, TreeMap<Long, byte[]> stable, byte[] target) {
        static Obj of(FileType type) {
            return new Obj(type, 0, new TreeMap<>(), new TreeMap<>(), null);
        }

        static Obj symlink(byte[] target) {
            return new Obj(FileType.SYMLINK, target.length, new TreeMap<>(), new TreeMap<>(), target.clone());
        }

        /** A write of {@code data} at {@code off}; {@code durable} also updates the stable pages. */
        Obj write(long off, byte[] data, boolean durable) {
            TreeMap<Long, byte[]> p = copy(pages);
            TreeMap<Long, byte[]> s = durable ? copy(stable) : stable;
            for (int i = 0; i < data.length; ) {
                long pos = off + i;
                long pg = pos / PAGE;
                int in = (int) (pos % PAGE);
                int n = Math.min(PAGE - in, data.length - i);
                byte[] page = p.containsKey(pg) ? p.get(pg).clone() : new byte[PAGE];
                System.arraycopy(data, i, page, in, n);
                p.put(pg, page);
                if (durable) {
                    s.put(pg, page);
                } else if (!s.containsKey(pg)) {
                    s.put(pg, new byte[PAGE]);
                }
                i += n;
            }
            return new Obj(type, Math.max(size, off + data.length), p, durable ? s : s, target);
        }

        /** Truncate or extend to {@code newSize}: pages past the end go, the tail of the last page is zeroed. */
        Obj resize(long newSize) {
            return new Obj(type, newSize, cut(pages, newSize), cut(stable, newSize), target);
        }

        Obj committed() {
            return new Obj(type, size, pages, copy(pages), target);
        }

        private static TreeMap<Long, byte[]> cut(TreeMap<Long, byte[]> in, long newSize) {
            TreeMap<Long, byte[]> out = new TreeMap<>();
            long keep = (newSize + PAGE - 1) / PAGE;
            for (Map.Entry<Long, byte[]> e : in.headMap(keep).entrySet()) {
                byte[] page = e.getValue();
                long pageEnd = (e.getKey() + 1) * PAGE;
                if (pageEnd > newSize) {
                    page = page.clone();
                    java.util.Arrays.fill(page, (int) (newSize - e.getKey() * PAGE), PAGE, (byte) 0);
                }
                out.put(e.getKey(), page);
            }
            return out;
        }

        private static TreeMap<Long, byte[]> copy(TreeMap<Long, byte[]> m) {
            return new TreeMap<>(m);
        }
    }

    final TreeMap<String, Long> paths = new TreeMap<>();
    final Map<Long, Obj> objs = new HashMap<>();
    long nextId = 2;

    CrashModel() {
        paths.put("/", 1L);
        objs.put(1L, Obj.of(FileType.DIRECTORY));
    }

    CrashModel copy() {
        CrashModel m = new CrashModel();
        m.paths.clear();
        m.paths.putAll(paths);
        m.objs.clear();
        m.objs.putAll(objs);
        m.nextId = nextId;
        return m;
    }

    void add(String path, Obj o) {
        long id = nextId++;
        objs.put(id, o);
        paths.put(path, id);
    }

    Obj at(String path) {
        return objs.get(paths.get(path));
    }

    void replace(String path, Obj o) {
        objs.put(paths.get(path), o);
    }

    /** Removes {@code path}; the object goes when no path names it. */
    void unlink(String path) {
        long id = paths.remove(path);
        if (!paths.containsValue(id)) {
            objs.remove(id);
        }
    }

    /** rename(2): moves {@code from} (and, for a directory, everything below it) to {@code to}, replacing it. */
    void rename(String from, String to) {
        if (from.equals(to) || paths.get(from).equals(paths.get(to))) {
            return;
        }
        if (paths.containsKey(to)) {
            unlink(to);
        }
        TreeMap<String, Long> moved = new TreeMap<>();
        for (Map.Entry<String, Long> e : paths.entrySet()) {
            String p = e.getKey();
            if (p.equals(from) || p.startsWith(from + "/")) {
                moved.put(to + p.substring(from.length()), e.getValue());
            }
        }
        paths.keySet().removeIf(p -> p.equals(from) || p.startsWith(from + "/"));
        paths.putAll(moved);
    }

    /** Links of object {@code id}: paths for a non-directory; 2 + subdirectories for a directory. */
    long expectedNlink(long id, String anyPath) {
        Obj o = objs.get(id);
        if (o.type() != FileType.DIRECTORY) {
            return paths.values().stream().filter(v -> v == id).count();
        }
        String prefix = anyPath.equals("/") ? "/" : anyPath + "/";
        long subdirs = paths.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getKey().indexOf('/', prefix.length()) < 0
                        && !e.getKey().equals(anyPath) && objs.get(e.getValue()).type() == FileType.DIRECTORY)
                .count();
        return 2 + subdirs;
    }
}
