package org.pmnfs.kv;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/**
 * The process {@link CrashTest} kills with SIGKILL: an endless mix of namespace changes and
 * writes. After each file is made durable (COMMIT or FILE_SYNC) it prints {@code durable <i>};
 * file {@code f<i>} then holds {@link #content(int)} and is never touched again.
 */
final class CrashWorkload {

    static final String READY = "workload-started";

    private CrashWorkload() {}

    static byte[] content(int i) {
        byte[] b = new byte[1 + (i * 7919) % 300_000];
        new Random(i).nextBytes(b);
        return b;
    }

    public static void main(String[] args) throws Exception {
        KvConfig config = KvConfig.defaults(Path.of(args[0])).withChunkSize(Integer.parseInt(args[1]))
                .withDirtyLimitBytes(1 << 20);
        Random random = new Random(42);
        try (KvBackend fs = KvBackend.open(config)) {
            FileHandle root = fs.root();
            FileHandle scratch = fs.mkdir(root, KvTestFiles.name("scratch"), SetAttributes.NONE).handle();
            System.out.println(READY);
            System.out.flush();
            for (int i = 0; ; i++) {
                byte[] data = content(i);
                FileHandle f = fs.create(root, KvTestFiles.name("f" + i), CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).handle();
                boolean sync = i % 3 == 0;
                int pos = 0;
                while (pos < data.length) {
                    int n = Math.min(data.length - pos, 1 + random.nextInt(70_000));
                    fs.write(f, pos, ByteBuffer.wrap(data, pos, n), sync ? StableHow.FILE_SYNC : StableHow.UNSTABLE);
                    pos += n;
                }
                if (!sync) {
                    fs.commit(f, 0, 0);
                }
                System.out.println("durable " + i);
                System.out.flush();
                churn(fs, scratch, random, i);
            }
        }
    }

    /** Namespace traffic that must leave no trace but a consistent tree: files, links, renames, removes. */
    private static void churn(KvBackend fs, FileHandle dir, Random random, int i) throws Exception {
        String a = "s" + random.nextInt(20);
        String b = "s" + random.nextInt(20);
        try {
            switch (random.nextInt(6)) {
                case 0 -> {
                    FileHandle s = fs.create(dir, KvTestFiles.name(a), CreateMode.UNCHECKED, SetAttributes.NONE, 0).handle();
                    fs.write(s, random.nextInt(100_000), ByteBuffer.wrap(new byte[1 + random.nextInt(50_000)]), StableHow.UNSTABLE);
                }
                case 1 -> fs.rename(dir, KvTestFiles.name(a), dir, KvTestFiles.name(b));
                case 2 -> fs.remove(dir, KvTestFiles.name(a));
                case 3 -> fs.link(fs.lookup(dir, KvTestFiles.name(a)).handle(), dir, KvTestFiles.name(b));
                case 4 -> fs.setattr(fs.lookup(dir, KvTestFiles.name(a)).handle(), SetAttributes.ofSize(random.nextInt(70_000)), null);
                default -> fs.mkdir(dir, KvTestFiles.name("d" + i), SetAttributes.NONE);
            }
        } catch (NfsException expected) {
            // NOENT, EXIST, ISDIR: the random names often miss; that is part of the mix
        }
    }
}
