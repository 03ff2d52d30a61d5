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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/**
 * 1 MiB sequential I/O and 4 KiB cached reads, in process on one thread:
 * <ul>
 *   <li>{@code write64MiBThenCommit}: 64 UNSTABLE 1 MiB writes into an emptied file and a COMMIT;
 *       the score is per MiB written (ops/s = MiB/s), COMMIT included;
 *   <li>{@code read1MiBUncached}: 1 MiB reads of a committed 256 MiB file with the read cache off,
 *       so every chunk comes from RocksDB (ops/s = MiB/s);
 *   <li>{@code read4kCached}: random 4 KiB reads of a committed 64 MiB file held in the read cache.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class KvSequentialBenchmark {

    static final int MIB = 1 << 20;
    static final int WRITES = 64;

    @State(Scope.Thread)
    public static class Writer {
        @Param({"65536", "262144", "2097152"})
        int chunkSize;

        KvBenchStore store;
        FileHandle file;
        final ByteBuffer data = ByteBuffer.allocate(MIB);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            store = KvBenchStore.open(chunkSize, 128L << 20, 64L << 20);
            file = store.create("seq");
            java.util.Arrays.fill(data.array(), (byte) 0x33);
        }

        @Setup(Level.Invocation)
        public void empty() throws IOException {
            store.fs.setattr(file, SetAttributes.ofSize(0), null);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            store.close();
        }
    }

    @State(Scope.Thread)
    public static class Reader {
        @Param({"65536", "262144", "2097152"})
        int chunkSize;

        KvBenchStore store;
        FileHandle file;
        long next;
        final ByteBuffer dst = ByteBuffer.allocate(MIB);
        static final long SIZE = 256L << 20;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            store = KvBenchStore.open(chunkSize, 128L << 20, 0);
            file = store.create("read");
            store.fill(file, SIZE);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            store.close();
        }
    }

    @State(Scope.Thread)
    public static class CachedReader {
        @Param({"65536", "262144", "2097152"})
        int chunkSize;

        KvBenchStore store;
        FileHandle file;
        final SplittableRandom random = new SplittableRandom(4);
        final ByteBuffer dst = ByteBuffer.allocate(4096);
        static final long SIZE = 64L << 20;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            store = KvBenchStore.open(chunkSize, 128L << 20, 128L << 20);
            file = store.create("hot");
            store.fill(file, SIZE);
            ByteBuffer warm = ByteBuffer.allocate(MIB);
            for (long off = 0; off < SIZE; off += MIB) {
                warm.clear();
                store.fs.read(file, off, MIB, warm);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            store.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(WRITES)
    public void write64MiBThenCommit(Writer s, Blackhole bh) throws IOException {
        for (int i = 0; i < WRITES; i++) {
            s.data.clear();
            bh.consume(s.store.fs.write(s.file, (long) i * MIB, s.data, StableHow.UNSTABLE));
        }
        bh.consume(s.store.fs.commit(s.file, 0, 0));
    }

    @Benchmark
    public int read1MiBUncached(Reader s) throws IOException {
        s.dst.clear();
        int n = s.store.fs.read(s.file, s.next, MIB, s.dst).count();
        s.next = (s.next + MIB) % Reader.SIZE;
        return n;
    }

    @Benchmark
    public int read4kCached(CachedReader s) throws IOException {
        s.dst.clear();
        return s.store.fs.read(s.file, s.random.nextLong(CachedReader.SIZE / 4096) * 4096, 4096, s.dst).count();
    }
}
