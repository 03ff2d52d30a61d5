package org.pmnfs.benchmarks.kv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.pmnfs.kv.KvBackend;
import org.pmnfs.kv.KvConfig;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/** A kv store in a fresh temporary directory for one benchmark trial, removed afterwards. */
final class KvBenchStore implements AutoCloseable {

    final Path directory;
    final KvBackend fs;

    private KvBenchStore(Path directory, KvBackend fs) {
        this.directory = directory;
        this.fs = fs;
    }

    static KvBenchStore open(int chunkSize, long dirtyLimit, long readCache) throws IOException {
        return open(KvConfig.defaults(Path.of("unused")).withChunkSize(chunkSize)
                .withDirtyLimitBytes(Math.max(dirtyLimit, 2L * chunkSize)).withReadCacheBytes(readCache));
    }

    /** A store with {@code template}'s settings in a fresh temporary directory. */
    static KvBenchStore open(KvConfig template) throws IOException {
        Path dir = Files.createTempDirectory("pmnfs-kv-bench");
        KvConfig config = new KvConfig(dir.resolve("store"), template.chunkSize(), template.dirtyLimitBytes(),
                template.readCacheBytes(), template.inodeCacheSize(), template.capacityBytes(), true,
                template.syncMetadata(), template.clock(), null);
        return new KvBenchStore(dir, KvBackend.open(config));
    }

    FileHandle create(String name) throws IOException {
        return fs.create(fs.root(), FileName.of(name), CreateMode.UNCHECKED, SetAttributes.ofMode(0644), 0).handle();
    }

    /** Fills {@code [0, size)} with non-zero bytes in 1 MiB writes and commits. */
    void fill(FileHandle f, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, (byte) 0x5a);
        for (long off = 0; off < size; off += block.length) {
            fs.write(f, off, ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - off)), StableHow.UNSTABLE);
        }
        fs.commit(f, 0, 0);
    }

    @Override
    public void close() throws IOException {
        try {
            fs.close();
        } finally {
            try (Stream<Path> s = Files.walk(directory)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
