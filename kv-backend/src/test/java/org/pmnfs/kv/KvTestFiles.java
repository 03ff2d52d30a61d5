package org.pmnfs.kv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/** Small helpers the kv tests share: names, byte patterns, whole-file reads and writes. */
final class KvTestFiles {

    private KvTestFiles() {}

    static FileName name(String s) {
        try {
            return FileName.of(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] pattern(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static FileHandle create(FileSystemBackend fs, FileHandle dir, String n) throws IOException {
        return fs.create(dir, name(n), CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).handle();
    }

    static void write(FileSystemBackend fs, FileHandle f, long offset, byte[] data, StableHow how) throws IOException {
        fs.write(f, offset, ByteBuffer.wrap(data), how);
    }

    static byte[] read(FileSystemBackend fs, FileHandle f, long offset, int count) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(count);
        int n = fs.read(f, offset, count, dst).count();
        byte[] out = new byte[n];
        System.arraycopy(dst.array(), 0, out, 0, n);
        return out;
    }
}
