package org.pmnfs.benchmarks.kv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.rocksdb.CompressionType;
import org.rocksdb.EnvOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The raw engine under the kv backend's COMMIT of 64 MiB of 64 KiB chunks, one design per
 * benchmark, so the designs of issue 12 item 5 can be compared without the file system on top
 * (the options follow {@code RocksKvStore}: 64 MiB memtables, no compression). Each operation
 * stores 1 MiB and makes it durable at the end of its 64 MiB (ops/s = MiB/s):
 * <ul>
 *   <li>{@code walSyncedBatch}: one WriteBatch of 64 MiB with a synced WAL write (the kv backend
 *       before the unlogged path): every byte goes to the WAL now and to a blob file at flush;
 *   <li>{@code unloggedThenFlush}: 1 MiB batches with {@code disableWAL}, then a memtable flush
 *       (what the kv backend does now): every byte goes to storage once, in the flush;
 *   <li>{@code ingestSst}: an SST written with {@code SstFileWriter} (synced) and ingested by
 *       moving it into the database: written once, but inline in the LSM tree, so compaction
 *       rewrites it later, and an ingestion whose range overlaps the memtable flushes it first.
 * </ul>
 * {@code blobs} switches BlobDB's blob files on (values of at least 2 KiB go to blob files,
 * written at flush with a CRC32C per record) or off (values inline in table files).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class KvEngineWriteBenchmark {

    static final int CHUNK = 64 << 10;
    static final int CHUNKS = 1024; // 64 MiB per COMMIT
    static final int PER_MIB = (1 << 20) / CHUNK;

    static {
        RocksDB.loadLibrary();
    }

    @State(Scope.Thread)
    public static class Engine {
        @Param({"true", "false"})
        boolean blobs;

        Path dir;
        Options options;
        RocksDB db;
        WriteOptions synced;
        WriteOptions unlogged;
        FlushOptions flush;
        EnvOptions env;
        IngestExternalFileOptions ingest;
        WriteBatch reused;
        final byte[][] values = new byte[CHUNKS][];
        long round;

        @Setup(Level.Trial)
        public void open() throws IOException, RocksDBException {
            dir = Files.createTempDirectory("pmnfs-kv-engine-bench");
            options = new Options().setCreateIfMissing(true).setWriteBufferSize(64L << 20).setMaxWriteBufferNumber(4)
                    .setMaxBackgroundJobs(2).setAllowFAllocate(false).setWalBytesPerSync(1 << 20).setBytesPerSync(1 << 20)
                    .setCompressionType(CompressionType.NO_COMPRESSION).setEnableBlobFiles(blobs).setMinBlobSize(2048)
                    .setBlobCompressionType(CompressionType.NO_COMPRESSION).setEnableBlobGarbageCollection(true);
            db = RocksDB.open(options, dir.resolve("db").toString());
            synced = new WriteOptions().setSync(true);
            unlogged = new WriteOptions().setDisableWAL(true);
            flush = new FlushOptions().setWaitForFlush(true).setAllowWriteStall(true);
            env = new EnvOptions();
            ingest = new IngestExternalFileOptions().setMoveFiles(true);
            reused = new WriteBatch(2 << 20);
            for (int i = 0; i < CHUNKS; i++) {
                values[i] = new byte[CHUNK];
                Arrays.fill(values[i], (byte) (i * 31 + 7));
            }
        }

        /** The kv backend's chunk key: 'C', inode, index (big-endian); a new inode per COMMIT. */
        byte[] key(long ino, long index) {
            byte[] k = new byte[17];
            k[0] = 'C';
            for (int b = 0; b < 8; b++) {
                k[1 + b] = (byte) (ino >>> (56 - 8 * b));
                k[9 + b] = (byte) (index >>> (56 - 8 * b));
            }
            return k;
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            reused.close();
            ingest.close();
            env.close();
            flush.close();
            unlogged.close();
            synced.close();
            db.close();
            options.close();
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS / PER_MIB)
    public void walSyncedBatch(Engine e) throws RocksDBException {
        long ino = ++e.round;
        try (WriteBatch wb = new WriteBatch(CHUNKS * (CHUNK + 32))) {
            for (int i = 0; i < CHUNKS; i++) {
                wb.put(e.key(ino, i), e.values[i]);
            }
            e.db.write(e.synced, wb);
        }
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS / PER_MIB)
    public void unloggedThenFlush(Engine e) throws RocksDBException {
        long ino = ++e.round;
        for (int i = 0; i < CHUNKS; i++) {
            e.reused.put(e.key(ino, i), e.values[i]);
            if ((i + 1) % PER_MIB == 0) {
                e.db.write(e.unlogged, e.reused);
                e.reused.clear();
            }
        }
        e.db.flush(e.flush);
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS / PER_MIB)
    public void ingestSst(Engine e) throws RocksDBException {
        long ino = ++e.round;
        String file = e.dir.resolve("ingest-" + ino + ".sst").toString();
        try (SstFileWriter w = new SstFileWriter(e.env, e.options)) {
            w.open(file);
            for (int i = 0; i < CHUNKS; i++) {
                w.put(e.key(ino, i), e.values[i]);
            }
            w.finish(); // syncs the file
        }
        List<String> files = new ArrayList<>(1);
        files.add(file);
        e.db.ingestExternalFile(files, e.ingest);
    }
}
