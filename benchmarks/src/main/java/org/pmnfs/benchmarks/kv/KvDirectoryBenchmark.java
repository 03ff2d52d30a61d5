package org.pmnfs.benchmarks.kv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pmnfs.kv.KvConfig;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.DirListing;
import org.pmnfs.vfs.EntryBudget;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.LookupResult;
import org.pmnfs.vfs.SetAttributes;

/**
 * A directory of 100,000 entries: LOOKUP of a random name (a point get) and a complete READDIR
 * listing in pages of 1,000 entries (a scan by cookie), one thread.
 */
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class KvDirectoryBenchmark {

    static final int ENTRIES = 100_000;

    @State(Scope.Thread)
    public static class BigDirectory {
        KvBenchStore store;
        FileHandle dir;
        FileName[] names;
        final SplittableRandom random = new SplittableRandom(5);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            // Built without a sync per create (a bulk load); lookups and listings do not sync anyway.
            store = KvBenchStore.open(KvConfig.defaults(Path.of("unused")).withSyncMetadata(false));
            dir = store.fs.mkdir(store.fs.root(), FileName.of("big"), SetAttributes.NONE).handle();
            names = new FileName[ENTRIES];
            for (int i = 0; i < ENTRIES; i++) {
                names[i] = FileName.of("entry-" + i);
                store.fs.create(dir, names[i], CreateMode.GUARDED, SetAttributes.ofMode(0644), 0);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            store.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public LookupResult lookup(BigDirectory s) throws IOException {
        return s.store.fs.lookup(s.dir, s.names[s.random.nextInt(ENTRIES)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int listAll(BigDirectory s) throws IOException {
        long cookie = 0;
        long verifier = 0;
        int seen = 0;
        while (true) {
            DirListing page = s.store.fs.readdir(s.dir, cookie, verifier, false, EntryBudget.ofEntries(1000));
            seen += page.entries().size();
            if (page.eof()) {
                return seen;
            }
            cookie = page.entries().get(page.entries().size() - 1).cookie();
            verifier = page.cookieVerifier();
        }
    }
}
