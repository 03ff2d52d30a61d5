package org.pmnfs.benchmarks.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the probe made on one target for this run: a directory of its own under the export's root
 * (so runs never see each other's files), and in it, when asked, a data file of a given size
 * written in 64 KiB UNSTABLE writes and committed.
 */
final class Workspace {

    /** Bytes per WRITE when filling a data file: below every server's wtmax. */
    private static final int FILL_BYTES = 64 * 1024;

    final Target target;
    final byte[] root;
    final byte[] dir;
    final byte[] dirName;

    private Workspace(Target target, byte[] root, byte[] dir, byte[] dirName) {
        this.target = target;
        this.root = root;
        this.dir = dir;
        this.dirName = dirName;
    }

    /** Mounts {@code target} and makes a fresh directory named after {@code purpose}. */
    static Workspace open(Target target, String purpose) throws IOException {
        byte[] root = target.mountRoot();
        byte[] name = bytes(purpose + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()));
        try (Nfs3Client c = target.connect()) {
            return new Workspace(target, root, c.mkdir(root, name), name);
        }
    }

    /** Creates {@code name} in the directory, {@code bytes} long (a multiple of 64 KiB), durable. */
    byte[] dataFile(Nfs3Client c, String name, long bytes) throws IOException {
        byte[] file = c.create(dir, bytes(name));
        byte[] block = pattern(FILL_BYTES);
        for (long at = 0; at < bytes; at += FILL_BYTES) {
            c.write(file, at, block, Nfs3Client.UNSTABLE);
        }
        c.commit(file);
        return file;
    }

    /** {@code n} bytes of a fixed non-zero pattern (a multiple of 4). */
    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
