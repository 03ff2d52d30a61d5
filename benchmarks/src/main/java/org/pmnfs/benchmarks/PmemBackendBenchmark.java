package org.pmnfs.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.pmnfs.pmem.PmemBackend;
import org.pmnfs.pmem.PmemConfig;
import org.pmnfs.pmem.PmemFormatter;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.LookupResult;
import org.pmnfs.vfs.ReadResult;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WccData;
import org.pmnfs.vfs.WriteResult;

/**
 * The pmem backend in process, one thread, pool on /dev/shm (so persists are msync on tmpfs):
 * 4 KiB read, 4 KiB FILE_SYNC overwrite, lookup in a 10,000-entry directory, create + remove.
 * Sample-time mode, so JMH reports percentiles (p50, p99). Targets (issue 3): read <= 1 us,
 * FILE_SYNC write <= 2 us, lookup <= 1 us, create + remove <= 5 us.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PmemBackendBenchmark}. The pool
 * directory can be moved with {@code -Dpmnfs.bench.dir=/mnt/pmem} (a DAX mount maps with MAP_SYNC).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Threads(1)
public class PmemBackendBenchmark {

    /** Entries in the lookup directory. */
    static final int DIR_ENTRIES = 10_000;
    /** Blocks in the read/write file: 16 MiB, more than the L2 cache. */
    static final int FILE_BLOCKS = 4096;

    @Param({"direct"})
    public String buffer;

    private Path dir;
    private PmemBackend fs;
    private FileHandle file;
    private FileHandle big;
    private FileHandle scratch;
    private FileName[] names;
    private ByteBuffer buf;
    private int next;
    private long serial;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path base = Path.of(System.getProperty("pmnfs.bench.dir", "/dev/shm"));
        dir = Files.createTempDirectory(base, "pmnfs-bench-");
        Path pool = dir.resolve("bench.pool");
        PmemFormatter.format(pool, 1L << 30, false);
        fs = PmemBackend.open(PmemConfig.of(pool));
        file = fs.create(fs.root(), FileName.of("data"), CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).handle();
        ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
        for (int i = 0; i < chunk.capacity(); i++) {
            chunk.put(i, (byte) (i * 7));
        }
        for (long off = 0; off < (long) FILE_BLOCKS * 4096; off += chunk.capacity()) {
            fs.write(file, off, chunk.clear(), StableHow.FILE_SYNC);
        }
        big = fs.mkdir(fs.root(), FileName.of("big"), SetAttributes.ofMode(0755)).handle();
        names = new FileName[DIR_ENTRIES];
        for (int i = 0; i < DIR_ENTRIES; i++) {
            names[i] = FileName.of("entry-" + i + ".dat");
            fs.create(big, names[i], CreateMode.GUARDED, SetAttributes.ofMode(0644), 0);
        }
        scratch = fs.mkdir(fs.root(), FileName.of("scratch"), SetAttributes.ofMode(0755)).handle();
        // A permanent entry: an emptied PMFS2 directory frees its dirent block, and a directory
        // holding nothing but the file under test is not the common case.
        fs.create(scratch, FileName.of("keep"), CreateMode.GUARDED, SetAttributes.ofMode(0644), 0);
        buf = "direct".equals(buffer) ? ByteBuffer.allocateDirect(4096) : ByteBuffer.allocate(4096);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        fs.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private long nextOffset() {
        // A fixed stride through the file so consecutive operations touch different blocks.
        next = (next + 1237) & (FILE_BLOCKS - 1);
        return (long) next << 12;
    }

    @Benchmark
    public ReadResult read4k() throws IOException {
        return fs.read(file, nextOffset(), 4096, buf.clear());
    }

    @Benchmark
    public WriteResult write4kFileSync() throws IOException {
        return fs.write(file, nextOffset(), buf.clear(), StableHow.FILE_SYNC);
    }

    @Benchmark
    public LookupResult lookup10k() throws IOException {
        next = (next + 7919) % DIR_ENTRIES;
        return fs.lookup(big, names[next]);
    }

    @Benchmark
    public WccData createRemove() throws IOException {
        FileName n = FileName.of("tmp" + (serial++ & 1023));
        fs.create(scratch, n, CreateMode.GUARDED, SetAttributes.ofMode(0644), 0);
        return fs.remove(scratch, n);
    }
}
