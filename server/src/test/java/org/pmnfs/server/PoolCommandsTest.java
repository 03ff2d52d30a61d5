package org.pmnfs.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** pmnfs mkfs, info and fsck on real pool files, and the pmem/kv/memory option checks of serve. */
class PoolCommandsTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void mkfsInfoAndFsckOnAFreshPool() {
        String pool = tmp.resolve("p.pool").toString();
        assertEquals(0, run("mkfs", "--device", pool, "--size", "64M"), err.toString());
        assertTrue(out.toString().startsWith("formatted " + pool + ": 64 MiB"), out.toString());

        assertEquals(0, run("info", "--device", pool), err.toString());
        assertTrue(out.toString().contains("state:         clean"), out.toString());
        assertTrue(out.toString().contains("mapping:"), out.toString());

        assertEquals(0, run("fsck", "--device", pool), err.toString());
        assertTrue(out.toString().contains("clean"), out.toString());
    }

    @Test
    void mkfsRefusesToOverwriteWithoutForce() throws Exception {
        Path pool = tmp.resolve("p.pool");
        assertEquals(0, run("mkfs", "--device", pool.toString(), "--size", "16M"));
        byte[] before = Files.readAllBytes(pool);
        assertEquals(1, run("mkfs", "--device", pool.toString()));
        assertTrue(err.toString().contains("--force"), err.toString());
        assertArrayEquals(before, Files.readAllBytes(pool), "a refused mkfs wrote to the pool");
        assertEquals(0, run("mkfs", "--device", pool.toString(), "--force"), err.toString());
    }

    @Test
    void aFileThatIsNotAPoolIsRefusedAndLeftAlone() throws Exception {
        Path notPool = tmp.resolve("photo.jpg");
        byte[] junk = new byte[8 << 20];
        new java.util.SplittableRandom(3).nextBytes(junk);
        Files.write(notPool, junk);
        assertEquals(FsckCommand.CANNOT_OPEN, run("fsck", "--device", notPool.toString()));
        assertTrue(err.toString().startsWith("pmnfs fsck: "), err.toString());
        assertEquals(1, run("info", "--device", notPool.toString()));
        assertTrue(err.toString().startsWith("pmnfs info: "), err.toString());
        assertArrayEquals(junk, Files.readAllBytes(notPool), "checking a foreign file changed it");
    }

    @Test
    void serveRefusesOptionsOfAnotherBackendAndAMissingNamedPool() {
        assertEquals(2, run("serve", "--backend", "pmem", "--kv-dir", tmp.toString()));
        assertTrue(err.toString().contains("--kv-dir does not apply to --backend pmem"), err.toString());
        assertEquals(2, run("serve", "--backend", "memory", "--device", "x.pool"));
        assertTrue(err.toString().contains("--device does not apply to --backend memory"), err.toString());
        assertEquals(2, run("serve", "--backend", "kv"));
        assertTrue(err.toString().contains("needs --kv-dir"), err.toString());
        assertEquals(2, run("serve", "--device", tmp.resolve("typo.pool").toString()));
        assertTrue(err.toString().contains("no pool at"), err.toString());
        assertTrue(Files.notExists(tmp.resolve("typo.pool")), "a mistyped --device must not create a pool");
        assertEquals(2, run("serve", "--backend", "memory", "--memory-size", "lots"));
        assertTrue(err.toString().contains("is not a size"), err.toString());
    }

    @Test
    void serveRefusesAMisassembledKvEngine() {
        assertEquals(2, run("serve", "--backend", "kv", "--kv-engine", "etcd"));
        assertTrue(err.toString().contains("--kv-engine etcd needs --etcd-endpoints"), err.toString());
        assertEquals(2, run("serve", "--backend", "kv", "--kv-engine", "etcd", "--etcd-endpoints", "http://127.0.0.1:1",
                "--kv-dir", tmp.toString()));
        assertTrue(err.toString().contains("--kv-dir does not apply to --kv-engine etcd"), err.toString());
        assertEquals(2, run("serve", "--backend", "kv", "--kv-dir", tmp.toString(), "--etcd-endpoints", "http://127.0.0.1:1"));
        assertTrue(err.toString().contains("--etcd-endpoints needs --kv-engine etcd"), err.toString());
        assertEquals(2, run("serve", "--backend", "kv", "--kv-engine", "cassandra", "--kv-dir", tmp.toString()));
        assertTrue(err.toString().contains("unknown engine 'cassandra'"), err.toString());
        assertEquals(2, run("serve", "--backend", "kv", "--kv-engine", "etcd", "--etcd-endpoints", "127.0.0.1:2379"));
        assertTrue(err.toString().contains("'127.0.0.1:2379' is not a"), err.toString());
        assertEquals(2, run("serve", "--backend", "kv", "--kv-engine", "etcd", "--etcd-endpoints", "http://127.0.0.1:1",
                "--kv-namespace", "a/b"));
        assertTrue(err.toString().contains("namespace: 'a/b'"), err.toString());
        assertEquals(2, run("serve", "--backend", "pmem", "--kv-engine", "etcd"));
        assertTrue(err.toString().contains("--kv-engine does not apply to --backend pmem"), err.toString());
    }

    @Test
    void sizesAcceptBinarySuffixes() {
        assertEquals(4096, ByteSize.parse("4096"));
        assertEquals(64 << 10, ByteSize.parse("64K"));
        assertEquals(512L << 20, ByteSize.parse("512MiB"));
        assertEquals(4L << 30, ByteSize.parse("4g"));
        assertEquals("1 GiB", ByteSize.format(1L << 30));
        assertEquals("1000 bytes", ByteSize.format(1000));
    }
}
