package org.pmnfs.kv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmnfs.vfs.FileType;
import org.pmnfs.vfs.NfsIoException;

/**
 * Walks a kv store and reports every broken invariant: each entry resolves to a live inode of its
 * type and has its cookie twin; nlink counts the entries (directories: 2 + subdirectories); every
 * inode is reachable from the root; no chunk or symlink target outlives its inode or lies past the
 * file's size; the inode counter is past every inode. Used by tests and after crash runs.
 */
public final class KvStoreChecker {

    /** What the walk found: counts, and one line per problem (empty when consistent). */
    public record Report(long inodes, long entries, long chunks, List<String> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean consistent() {
            return problems.isEmpty();
        }
    }

    private record Entry(long dir, String name, long ino, FileType type, long cookie) {}

    private static final int MAX_PROBLEMS = 100;

    private final KvStore store;
    private final int chunkSize;
    private final List<String> problems = new ArrayList<>();
    private final Map<Long, InodeRecord> inodes = new HashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Long, Long> links = new HashMap<>();
    private final Map<Long, Long> subdirs = new HashMap<>();
    private long chunks;

    private KvStoreChecker(KvStore store, int chunkSize) {
        this.store = store;
        this.chunkSize = chunkSize;
    }

    /** Opens the store in {@code directory} read-only (it must not be in use) and checks it. */
    public static Report check(Path directory) throws IOException {
        try (StoreDirectory sd = StoreDirectory.open(directory, false, KvConfig.DEFAULT_CHUNK_SIZE, true, (b, f) -> { })) {
            return check(sd.store(), sd.format().chunkSize());
        }
    }

    /**
     * Checks the store {@code config} names (a directory, which must not be in use, or an etcd
     * namespace, which may be: then run it while no server changes it), reading only.
     */
    public static Report check(KvConfig config) throws IOException {
        if (config.etcd() == null) {
            return check(config.directory());
        }
        try (EtcdNamespace ns = EtcdNamespace.open(config.etcd(), false, KvConfig.DEFAULT_CHUNK_SIZE, true, (b, f) -> { })) {
            return check(ns.store(), ns.format().chunkSize());
        }
    }

    static Report check(KvStore store, int chunkSize) throws IOException {
        return new KvStoreChecker(store, chunkSize).run();
    }

    private Report run() throws IOException {
        store.scan(KeyCodec.inodesStart(), KeyCodec.inodesEnd(), (k, v) -> {
            long ino = KeyCodec.id(k);
            try {
                inodes.put(ino, InodeRecord.decode(ino, v));
            } catch (NfsIoException e) {
                problem(e.getMessage());
            }
            return true;
        });
        InodeRecord root = inodes.get(InoAllocator.ROOT_INO);
        if (root == null || !root.isDirectory()) {
            problem("root inode " + InoAllocator.ROOT_INO + " is missing or not a directory");
        }
        checkEntries();
        checkCookies();
        checkLinks();
        checkReachable();
        checkChunks();
        checkSymlinks();
        checkCounter();
        return new Report(inodes.size(), entries.size(), chunks, problems);
    }

    private void checkEntries() throws IOException {
        store.scan(KeyCodec.kindStart(KeyCodec.DIRENT), KeyCodec.kindEnd(KeyCodec.DIRENT), (k, v) -> {
            long dir = KeyCodec.id(k);
            DirentRecord e = DirentRecord.decodeByName(dir, KeyCodec.direntName(k), v);
            entries.add(new Entry(dir, e.name().toString(), e.ino(), e.type(), e.cookie()));
            InodeRecord d = inodes.get(dir);
            if (d == null || !d.isDirectory()) {
                problem("entry '" + e.name() + "' lives in " + (d == null ? "missing inode " : "non-directory ") + dir);
            } else if (e.cookie() < DirentRecord.FIRST_COOKIE || e.cookie() >= d.nextCookie()) {
                problem("entry '" + e.name() + "' in " + dir + " has cookie " + e.cookie() + " outside [3, " + d.nextCookie() + ")");
            }
            InodeRecord c = inodes.get(e.ino());
            if (c == null) {
                problem("entry '" + e.name() + "' in " + dir + " dangles: inode " + e.ino() + " does not exist");
            } else {
                if (c.type() != e.type()) {
                    problem("entry '" + e.name() + "' in " + dir + " says " + e.type() + ", inode " + e.ino() + " is " + c.type());
                }
                if (c.isDirectory() && c.parent() != dir) {
                    problem("directory " + e.ino() + " is named in " + dir + " but its parent says " + c.parent());
                }
            }
            links.merge(e.ino(), 1L, Long::sum);
            if (e.type() == FileType.DIRECTORY) {
                subdirs.merge(dir, 1L, Long::sum);
            }
            byte[] twin = store.get(KeyCodec.cookie(dir, e.cookie()));
            DirentRecord t = twin == null ? null : DirentRecord.decodeByCookie(dir, e.cookie(), twin);
            if (t == null || t.ino() != e.ino() || !t.name().equals(e.name())) {
                problem("entry '" + e.name() + "' in " + dir + " has no matching cookie entry " + e.cookie());
            }
            return true;
        });
    }

    private void checkCookies() throws IOException {
        store.scan(KeyCodec.kindStart(KeyCodec.COOKIE), KeyCodec.kindEnd(KeyCodec.COOKIE), (k, v) -> {
            long dir = KeyCodec.id(k);
            DirentRecord e = DirentRecord.decodeByCookie(dir, KeyCodec.secondId(k), v);
            byte[] twin = store.get(KeyCodec.dirent(dir, e.name()));
            if (twin == null || DirentRecord.decodeByName(dir, e.name(), twin).cookie() != e.cookie()) {
                problem("cookie entry " + e.cookie() + " ('" + e.name() + "') in " + dir + " has no matching name entry");
            }
            return true;
        });
    }

    private void checkLinks() {
        for (Map.Entry<Long, InodeRecord> i : inodes.entrySet()) {
            long ino = i.getKey();
            InodeRecord r = i.getValue();
            long named = links.getOrDefault(ino, 0L);
            if (r.isDirectory()) {
                long expected = 2 + subdirs.getOrDefault(ino, 0L);
                if (r.nlink() != expected) {
                    problem("directory " + ino + " has nlink " + r.nlink() + ", expected " + expected);
                }
                if (ino != InoAllocator.ROOT_INO && named != 1) {
                    problem("directory " + ino + " is named " + named + " times, expected once");
                }
            } else if (r.nlink() != named) {
                problem("inode " + ino + " (" + r.type() + ") has nlink " + r.nlink() + " but " + named + " entries");
            }
            if (ino != InoAllocator.ROOT_INO && named == 0) {
                problem("inode " + ino + " (" + r.type() + ") is leaked: no entry names it");
            }
        }
    }

    private void checkReachable() {
        Map<Long, List<Long>> children = new HashMap<>();
        for (Entry e : entries) {
            children.computeIfAbsent(e.dir, d -> new ArrayList<>()).add(e.ino);
        }
        Set<Long> seen = new HashSet<>();
        ArrayDeque<Long> todo = new ArrayDeque<>();
        todo.add(InoAllocator.ROOT_INO);
        while (!todo.isEmpty()) {
            long d = todo.poll();
            if (seen.add(d)) {
                todo.addAll(children.getOrDefault(d, List.of()));
            }
        }
        for (long ino : inodes.keySet()) {
            if (!seen.contains(ino) && links.getOrDefault(ino, 0L) > 0) {
                problem("inode " + ino + " is not reachable from the root");
            }
        }
    }

    private void checkChunks() throws IOException {
        ChunkMapping mapping = new ChunkMapping(chunkSize);
        store.scan(KeyCodec.kindStart(KeyCodec.CHUNK), KeyCodec.kindEnd(KeyCodec.CHUNK), (k, v) -> {
            chunks++;
            long ino = KeyCodec.id(k);
            long idx = KeyCodec.secondId(k);
            InodeRecord r = inodes.get(ino);
            if (r == null) {
                problem("chunk " + idx + " of inode " + ino + " is orphaned: no such inode");
            } else if (r.type() != FileType.REGULAR) {
                problem("chunk " + idx + " belongs to inode " + ino + ", a " + r.type());
            } else if (v.length > chunkSize || mapping.start(idx) + v.length > r.size()) {
                problem("chunk " + idx + " of inode " + ino + " holds " + v.length + " bytes, past size " + r.size()
                        + " or the chunk size " + chunkSize);
            }
            return true;
        });
    }

    private void checkSymlinks() throws IOException {
        Set<Long> targets = new HashSet<>();
        store.scan(KeyCodec.kindStart(KeyCodec.SYMLINK), KeyCodec.kindEnd(KeyCodec.SYMLINK), (k, v) -> {
            long ino = KeyCodec.id(k);
            targets.add(ino);
            InodeRecord r = inodes.get(ino);
            if (r == null || r.type() != FileType.SYMLINK) {
                problem("symlink target of inode " + ino + " is orphaned");
            } else if (r.size() != v.length) {
                problem("symlink " + ino + " has size " + r.size() + " but a target of " + v.length + " bytes");
            }
            return true;
        });
        for (Map.Entry<Long, InodeRecord> i : inodes.entrySet()) {
            if (i.getValue().type() == FileType.SYMLINK && !targets.contains(i.getKey())) {
                problem("symlink " + i.getKey() + " has no target");
            }
        }
    }

    private void checkCounter() throws IOException {
        long next = InoAllocator.read(store);
        long max = inodes.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        if (next <= max) {
            problem("inode counter " + next + " is not past the largest inode " + max);
        }
    }

    private void problem(String p) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        }
    }
}
