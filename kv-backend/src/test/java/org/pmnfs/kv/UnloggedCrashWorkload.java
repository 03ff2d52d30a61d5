package org.pmnfs.kv;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.StableHow;

/**
 * The process {@link UnloggedCrashTest} kills with SIGKILL: streams large files through the
 * unlogged write path (RocksDB without its WAL until a memtable flush) and stops at a named step,
 * blocked on its standard input, so the test kills it at exactly that point. Each step prints its
 * line only after the backend call returned (what an NFS reply would carry):
 * <ol>
 *   <li>{@code committed 0}: f0 written UNSTABLE (write-backs under a full dirty cache went
 *       unlogged) and COMMITted;
 *   <li>{@code unstable 1}: f1 written UNSTABLE the same way, not committed;
 *   <li>{@code renamed 2}: f2 written UNSTABLE (held in memory), then renamed to g2: the rename
 *       first stores the data unlogged, and its batch rewrites the record with the size;
 *   <li>{@code filesync 3}: f3 written UNSTABLE and written back unlogged (another file's writes
 *       filled the cache), then a FILE_SYNC write at its end.
 * </ol>
 */
final class UnloggedCrashWorkload {

    static final int MIB = 1 << 20;
    /** Dirty cache: large enough for write-backs of at least the unlogged threshold (4 MiB). */
    static final long DIRTY_LIMIT = 8L * MIB;
    static final int BIG = 12 * MIB;
    static final int TAIL = 4096;

    private UnloggedCrashWorkload() {}

    static byte[] content(int file, int length) {
        return KvTestFiles.pattern(length, 1000 + file);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String stopAt = args[1];
        KvConfig config = KvConfig.defaults(dir).withDirtyLimitBytes(DIRTY_LIMIT);
        try (KvBackend fs = KvBackend.open(config)) {
            FileHandle root = fs.root();
            FileHandle f0 = KvTestFiles.create(fs, root, "f0");
            writeUnstable(fs, f0, content(0, BIG));
            fs.commit(f0, 0, 0);
            step("committed 0", stopAt);

            FileHandle f1 = KvTestFiles.create(fs, root, "f1");
            writeUnstable(fs, f1, content(1, BIG));
            step("unstable 1", stopAt);

            FileHandle f2 = KvTestFiles.create(fs, root, "f2");
            writeUnstable(fs, f2, content(2, 6 * MIB));
            fs.rename(root, KvTestFiles.name("f2"), root, KvTestFiles.name("g2"));
            step("renamed 2", stopAt);

            FileHandle f3 = KvTestFiles.create(fs, root, "f3");
            writeUnstable(fs, f3, content(3, 6 * MIB));
            FileHandle filler = KvTestFiles.create(fs, root, "filler");
            writeUnstable(fs, filler, new byte[6 * MIB]); // the cache fills: f3, the oldest, is written back
            fs.write(f3, 6L * MIB, ByteBuffer.wrap(content(33, TAIL)), StableHow.FILE_SYNC);
            step("filesync 3", stopAt);
        }
        System.out.println("done");
        System.out.flush();
    }

    private static void writeUnstable(KvBackend fs, FileHandle f, byte[] data) throws Exception {
        for (int pos = 0; pos < data.length; pos += MIB) {
            fs.write(f, pos, ByteBuffer.wrap(data, pos, Math.min(MIB, data.length - pos)), StableHow.UNSTABLE);
        }
    }

    /** Prints the step; at the step asked for, blocks until killed. */
    private static void step(String line, String stopAt) throws Exception {
        System.out.println(line);
        System.out.flush();
        if (line.equals(stopAt)) {
            System.in.read(); // the test kills this process here
            System.exit(3);
        }
    }
}
