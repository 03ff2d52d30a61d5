package org.pmnfs.pmem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pmnfs.vfs.DirEntry;
import org.pmnfs.vfs.DirListing;
import org.pmnfs.vfs.EntryBudget;
import org.pmnfs.vfs.FileAttributes;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.FileType;

/**
 * Compares a recovered file system with a {@link CrashModel}: the same paths, the same hard-link
 * groups, types, link counts, symlink targets, sizes, mapped blocks and bytes. Returns null when
 * they agree, else the first difference.
 */
final class CrashCheck {

    private final FileSystemBackend fs;
    /** Path to file id and attributes, and the handle to read through. */
    final TreeMap<String, FileAttributes> attrs = new TreeMap<>();
    final Map<String, FileHandle> handles = new HashMap<>();

    CrashCheck(FileSystemBackend fs) throws IOException {
        this.fs = fs;
        walk("/", fs.root());
    }

    private void walk(String path, FileHandle h) throws IOException {
        FileAttributes a = fs.getattr(h);
        attrs.put(path, a);
        handles.put(path, h);
        if (a.type() != FileType.DIRECTORY) {
            return;
        }
        DirListing l = fs.readdir(h, 0, 0, true, EntryBudget.unlimited());
        if (!l.eof()) {
            throw new IllegalStateException("listing of " + path + " did not reach eof");
        }
        for (DirEntry e : l.entries()) {
            String n = e.name().toString();
            if (n.equals(".") || n.equals("..")) {
                continue;
            }
            walk(path.equals("/") ? "/" + n : path + "/" + n, e.handle());
        }
    }

    /** Null if the file system matches {@code m}; {@code dataPath}/{@code other} relax one file whose write was in flight. */
    String compare(CrashModel m, String dataPath, CrashModel other) throws IOException {
        if (!attrs.keySet().equals(m.paths.keySet())) {
            return "paths differ: fs " + attrs.keySet() + " model " + m.paths.keySet();
        }
        Long dataObj = dataPath == null ? null : m.paths.get(dataPath);
        Map<Long, Long> objToFile = new HashMap<>();
        Map<Long, Long> fileToObj = new HashMap<>();
        for (String p : m.paths.keySet()) {
            long obj = m.paths.get(p);
            FileAttributes a = attrs.get(p);
            Long f = objToFile.putIfAbsent(obj, a.fileId());
            Long o = fileToObj.putIfAbsent(a.fileId(), obj);
            if ((f != null && f != a.fileId()) || (o != null && o != obj)) {
                return "hard-link groups differ at " + p;
            }
            CrashModel.Obj mo = m.objs.get(obj);
            if (mo.type() != a.type()) {
                return p + ": type " + a.type() + ", model " + mo.type();
            }
            if (a.nlink() != m.expectedNlink(obj, p)) {
                return p + ": nlink " + a.nlink() + ", model " + m.expectedNlink(obj, p);
            }
            if (mo.type() == FileType.SYMLINK && !Arrays.equals(mo.target(), fs.readlink(handles.get(p)))) {
                return p + ": symlink target differs";
            }
            if (mo.type() == FileType.REGULAR) {
                String d = dataObj != null && dataObj == obj ? compareRelaxed(p, a, other.objs.get(obj), mo) : compareFile(p, a, mo);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private String compareFile(String p, FileAttributes a, CrashModel.Obj mo) throws IOException {
        if (a.size() != mo.size()) {
            return p + ": size " + a.size() + ", model " + mo.size();
        }
        if (a.used() != (long) mo.pages().size() * CrashModel.PAGE) {
            return p + ": " + a.used() / CrashModel.PAGE + " blocks mapped, model " + mo.pages().size();
        }
        for (long pg : mo.pages().keySet()) {
            byte[] got = page(p, pg, a.size());
            byte[] want = mo.pages().get(pg);
            byte[] stable = mo.stable().get(pg);
            for (int i = 0; i < got.length; i++) {
                if (got[i] != want[i] && (stable == null || got[i] != stable[i])) {
                    return p + ": byte " + (pg * CrashModel.PAGE + i) + " is " + got[i] + ", model " + want[i];
                }
            }
        }
        return null;
    }

    /** The file a write was in flight on: size and blocks of either state, each byte from either. */
    private String compareRelaxed(String p, FileAttributes a, CrashModel.Obj before, CrashModel.Obj after) throws IOException {
        if (a.size() != before.size() && a.size() != after.size()) {
            return p + ": size " + a.size() + ", model " + before.size() + " or " + after.size();
        }
        long blocks = a.used() / CrashModel.PAGE;
        if (blocks != before.pages().size() && blocks != after.pages().size()) {
            return p + ": " + blocks + " blocks, model " + before.pages().size() + " or " + after.pages().size();
        }
        Set<Long> all = new java.util.TreeSet<>(before.pages().keySet());
        all.addAll(after.pages().keySet());
        for (long pg : all) {
            byte[] got = page(p, pg, a.size());
            byte[][] ok = {before.pages().get(pg), before.stable().get(pg), after.pages().get(pg)};
            for (int i = 0; i < got.length; i++) {
                boolean fine = false;
                for (byte[] o : ok) {
                    fine |= (o == null ? 0 : o[i]) == got[i];
                }
                if (!fine) {
                    return p + ": byte " + (pg * CrashModel.PAGE + i) + " is " + got[i] + ", neither old nor new";
                }
            }
        }
        return null;
    }

    private byte[] page(String p, long pg, long size) throws IOException {
        long off = pg * CrashModel.PAGE;
        int n = (int) Math.max(0, Math.min(CrashModel.PAGE, size - off));
        ByteBuffer b = ByteBuffer.allocate(n);
        fs.read(handles.get(p), off, n, b);
        return Arrays.copyOf(b.array(), n);
    }
}
