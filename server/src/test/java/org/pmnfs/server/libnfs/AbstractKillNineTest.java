package org.pmnfs.server.libnfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmnfs.server.testing.RequiresCommand;
import org.pmnfs.server.testing.ServerProcess;

/**
 * SIGKILL of a real pmnfs process while Debian's nfs-cp streams files into it, then a restart on
 * the same store: every file whose nfs-cp finished (libnfs COMMITs before it closes) must read
 * back byte for byte, and the store's own checker must find it consistent.
 */
@RequiresCommand(value = "nfs-cp", debianPackage = "libnfs-utils")
abstract class AbstractKillNineTest {

    /** Kill rounds per test; each kills the server at a different point of a copy. */
    private static final int ROUNDS = 3;
    private static final int MIN_DURABLE_BEFORE_KILL = 2;

    @TempDir
    Path tmp;

    /** The {@code pmnfs serve} arguments that open (or create) the store at {@code store}. */
    protected abstract List<String> serveArgs(Path store);

    /** The store checker's problems (empty = consistent); called with no server running. */
    protected abstract List<String> checkStore(Path store) throws IOException;

    @Test
    void everyCommittedFileSurvivesSigkillAndTheStoreChecksClean() throws Exception {
        Path store = tmp.resolve("store");
        Path log = tmp.resolve("server.log");
        List<Path> sources = makeSources(8);
        Map<String, byte[]> durable = new ConcurrentHashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        AtomicInteger nextName = new AtomicInteger();

        for (int round = 1; round <= ROUNDS; round++) {
            try (ServerProcess server = ServerProcess.start(log, serveArgs(store))) {
                LibnfsTool nfs = new LibnfsTool(server.address());
                verify(nfs, durable);
                int before = durable.size();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicReference<Process> copying = new AtomicReference<>();
                Thread writer = Thread.ofPlatform().start(() -> copyUntilStopped(nfs, sources, durable, nextName, stop, copying));
                while (durable.size() < before + MIN_DURABLE_BEFORE_KILL && writer.isAlive()) {
                    Thread.sleep(20);
                }
                Thread.sleep(random.nextInt(10, 400)); // somewhere inside the next copy
                server.kill9();
                stop.set(true);
                // libnfs retries forever once its server is gone: end the copy that was cut off.
                Process cutOff = copying.get();
                if (cutOff != null) {
                    cutOff.destroyForcibly();
                }
                writer.join();
                assertTrue(durable.size() >= before + MIN_DURABLE_BEFORE_KILL,
                        "round " + round + ": nfs-cp made no progress before the kill:\n" + server.log());
            }
        }
        try (ServerProcess server = ServerProcess.start(log, serveArgs(store))) {
            verify(new LibnfsTool(server.address()), durable);
            int status = server.stop();
            assertTrue(status == 0 || status == 143, "clean stop expected, exit " + status + ":\n" + server.log());
        }
        assertEquals(List.of(), checkStore(store), "the store checker found problems after " + ROUNDS + " kills");
    }

    /** nfs-cp of sources into fresh names until told to stop; a copy that exits 0 is durable. */
    private void copyUntilStopped(LibnfsTool nfs, List<Path> sources, Map<String, byte[]> durable,
                                  AtomicInteger nextName, AtomicBoolean stop, AtomicReference<Process> copying) {
        while (!stop.get()) {
            int n = nextName.getAndIncrement();
            Path src = sources.get(n % sources.size());
            String name = "/f" + n + ".bin";
            try {
                Path output = tmp.resolve("nfs-cp.out");
                Process p = LibnfsTool.start(output, "nfs-cp", src.toString(), nfs.url(name));
                copying.set(p);
                LibnfsTool.finish(p, output, "nfs-cp " + name);
                durable.put(name, digest(src));
            } catch (IOException e) {
                return; // the server was killed under this copy: it may or may not exist afterwards
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void verify(LibnfsTool nfs, Map<String, byte[]> durable) throws Exception {
        HashSet<String> listed = new HashSet<>(nfs.list("/"));
        for (Map.Entry<String, byte[]> e : durable.entrySet()) {
            assertTrue(listed.contains(e.getKey().substring(1)), e.getKey() + " was committed but is not listed");
            Path back = tmp.resolve("back.bin");
            Files.deleteIfExists(back);
            nfs.copyOut(e.getKey(), back);
            assertArrayEquals(e.getValue(), digest(back), e.getKey() + " differs from what was committed");
        }
    }

    private List<Path> makeSources(int count) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[random.nextInt(64 << 10, 3 << 20)];
            random.nextBytes(data);
            Path p = tmp.resolve("src" + i);
            Files.write(p, data);
            out.add(p);
        }
        return out;
    }

    private static byte[] digest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
            return sha.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
