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
import org.pmnfs.vfs.WccData;

/**
 * COMMIT of 64 dirty 4 KiB writes, timed alone (the writes happen in the per-invocation setup):
 * {@code sequential} (one 256 KiB run, as a client streaming a file sends) and {@code random}
 * (64 scattered blocks of a 64 MiB file, the worst case for big chunks). Includes the WAL fsync.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class KvCommitBenchmark {

    static final int IO = 4096;
    static final int WRITES = 64;
    static final long FILE = 64L << 20;

    @State(Scope.Thread)
    public static class Dirty {
        @Param({"65536", "262144", "2097152"})
        int chunkSize;

        @Param({"sequential", "random"})
        String pattern;

        KvBenchStore store;
        FileHandle file;
        long next;
        final SplittableRandom random = new SplittableRandom(3);
        final ByteBuffer data = ByteBuffer.allocate(IO);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            store = KvBenchStore.open(chunkSize, 256L << 20, 64L << 20);
            file = store.create("commit");
            store.fill(file, FILE);
        }

        @Setup(Level.Invocation)
        public void dirty() throws IOException {
            for (int i = 0; i < WRITES; i++) {
                long off;
                if (pattern.equals("sequential")) {
                    off = next;
                    next = (next + IO) % FILE;
                } else {
                    off = random.nextLong(FILE / IO) * IO;
                }
                data.clear();
                store.fs.write(file, off, data, StableHow.UNSTABLE);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            store.close();
        }
    }

    @Benchmark
    public WccData commit64(Dirty s) throws IOException {
        return s.store.fs.commit(s.file, 0, 0);
    }
}
