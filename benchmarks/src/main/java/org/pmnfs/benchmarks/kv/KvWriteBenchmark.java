package org.pmnfs.benchmarks.kv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.WriteResult;

/**
 * 4 KiB random UNSTABLE writes, in process on one thread, at three chunk sizes:
 * <ul>
 *   <li>{@code cached}: a 64 MiB file that fits the dirty cache (the write path itself);
 *   <li>{@code writeBack}: a 256 MiB file with a 16 MiB dirty cache, so nearly every write first
 *       writes back a whole older chunk (what the chunk size costs random writers).
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class KvWriteBenchmark {

    static final int IO = 4096;

    @State(Scope.Thread)
    public static class Cached {
        @Param({"65536", "262144", "2097152"})
        int chunkSize;

        KvBenchStore store;
        FileHandle file;
        long blocks;
        final SplittableRandom random = new SplittableRandom(1);
        final ByteBuffer data = ByteBuffer.allocate(IO);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            long size = 64L << 20;
            store = KvBenchStore.open(chunkSize, 128L << 20, 64L << 20);
            file = store.create("cached");
            store.fill(file, size);
            blocks = size / IO;
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            store.close();
        }
    }

    @State(Scope.Thread)
    public static class WriteBack {
        @Param({"65536", "262144", "2097152"})
        int chunkSize;

        KvBenchStore store;
        FileHandle file;
        long blocks;
        final SplittableRandom random = new SplittableRandom(2);
        final ByteBuffer data = ByteBuffer.allocate(IO);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            long size = 256L << 20;
            store = KvBenchStore.open(chunkSize, 16L << 20, 16L << 20);
            file = store.create("writeback");
            store.fill(file, size);
            blocks = size / IO;
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            store.close();
        }
    }

    @Benchmark
    public WriteResult cached(Cached s) throws IOException {
        s.data.clear();
        return s.store.fs.write(s.file, s.random.nextLong(s.blocks) * IO, s.data, StableHow.UNSTABLE);
    }

    @Benchmark
    public WriteResult writeBack(WriteBack s) throws IOException {
        s.data.clear();
        return s.store.fs.write(s.file, s.random.nextLong(s.blocks) * IO, s.data, StableHow.UNSTABLE);
    }
}
