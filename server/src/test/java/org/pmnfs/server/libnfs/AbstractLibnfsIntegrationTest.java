package org.pmnfs.server.libnfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.server.PmnfsServer;
import org.pmnfs.server.testing.RequiresCommand;
import org.pmnfs.server.ServerConfig;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.FileSystemBackend;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;

/**
 * Debian's libnfs client against a real pmnfs on loopback: files copied in and out byte for byte,
 * and large directories listed completely. Each backend runs it through a small subclass; the tests
 * skip (with the reason) where libnfs-utils is not installed.
 */
@RequiresCommand(value = "nfs-cp", debianPackage = "libnfs-utils")
abstract class AbstractLibnfsIntegrationTest {

    private static final long BIG_FILE_BYTES = 256L << 20;
    private static final int MANY_FILES = 2_000;

    @TempDir
    Path tmp;

    private PmnfsServer server;
    private FileSystemBackend backend;
    private LibnfsTool nfs;

    /** A fresh, empty backend; the server owns and closes it. */
    protected abstract FileSystemBackend openBackend(Path scratch) throws IOException;

    @BeforeEach
    void startServer() throws IOException {
        backend = openBackend(tmp);
        ServerConfig config = ServerConfig.defaults().withListen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = PmnfsServer.start(config, backend);
        nfs = new LibnfsTool(server.address());
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a256MiBFileRoundTripsByteForByte() throws Exception {
        Path original = tmp.resolve("original.bin");
        byte[] expected = writeRandomFile(original, BIG_FILE_BYTES, 256);
        nfs.copyIn(original, "/big.bin");

        FileHandle onServer = backend.lookup(backend.root(), FileName.of("big.bin")).handle();
        assertEquals(BIG_FILE_BYTES, backend.getattr(onServer).size(), "size on the server after nfs-cp in");
        assertArrayEquals(expected, digestThroughBackend(onServer, BIG_FILE_BYTES),
                "bytes as the backend stores them differ from what nfs-cp sent");

        Path back = tmp.resolve("back.bin");
        nfs.copyOut("/big.bin", back);
        assertArrayEquals(expected, digest(back), "nfs-cp out returned different bytes");
    }

    @Test
    void anUnalignedFileInASubdirectoryRoundTrips() throws Exception {
        backend.mkdir(backend.root(), FileName.of("sub"), SetAttributes.ofMode(0755));
        Path original = tmp.resolve("odd.bin");
        long size = (3L << 20) + 12_345;
        byte[] expected = writeRandomFile(original, size, 7);
        nfs.copyIn(original, "/sub/odd.bin");
        Path back = tmp.resolve("odd.back");
        nfs.copyOut("/sub/odd.bin", back);
        assertEquals(size, Files.size(back));
        assertArrayEquals(expected, digest(back));
    }

    @Test
    void aDirectoryOf2000FilesIsListedCompletely() throws Exception {
        FileHandle dir = backend.mkdir(backend.root(), FileName.of("many"), SetAttributes.ofMode(0755)).handle();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < MANY_FILES; i++) {
            // Mixed name lengths, so entries straddle READDIR page boundaries at odd places.
            String name = "file-" + i + "-" + "x".repeat(i % 61);
            backend.create(dir, FileName.of(name), CreateMode.GUARDED, SetAttributes.ofMode(0644), 0);
            expected.add(name);
        }
        List<String> listed = nfs.list("/many");
        assertEquals(MANY_FILES, listed.size(), "nfs-ls printed a different number of entries");
        assertEquals(expected, new HashSet<>(listed));
    }

    @Test
    void catReadsWhatTheBackendHolds() throws Exception {
        FileHandle f = backend.create(backend.root(), FileName.of("hello.txt"), CreateMode.GUARDED,
                SetAttributes.ofMode(0644), 0).handle();
        byte[] text = "hello from pmnfs\n".getBytes(StandardCharsets.UTF_8);
        backend.write(f, 0, ByteBuffer.wrap(text), StableHow.FILE_SYNC);
        assertEquals("hello from pmnfs\n", nfs.cat("/hello.txt"));
    }

    /** Fills {@code file} with seeded random bytes and returns their SHA-256. */
    private static byte[] writeRandomFile(Path file, long size, long seed) throws IOException {
        MessageDigest sha = sha256();
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long left = size; left > 0; ) {
                chunk.clear();
                int n = (int) Math.min(chunk.capacity(), left);
                for (int i = 0; i < n; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8 && i + b < n; b++) {
                        chunk.put((byte) (v >>> (8 * b)));
                    }
                }
                chunk.flip();
                sha.update(chunk.duplicate());
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
                left -= n;
            }
        }
        return sha.digest();
    }

    private byte[] digestThroughBackend(FileHandle file, long size) throws IOException {
        MessageDigest sha = sha256();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        for (long off = 0; off < size; ) {
            buf.clear();
            int n = backend.read(file, off, buf.capacity(), buf).count();
            buf.flip();
            sha.update(buf);
            off += n;
            if (n == 0) {
                break;
            }
        }
        return sha.digest();
    }

    private static byte[] digest(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
