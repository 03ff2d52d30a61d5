package org.pmnfs.kv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A tmpfs of a chosen size mounted for one test, so the test owns the free space it measures or
 * fills. Mounting needs root: elsewhere the test is skipped (a JUnit assumption). Closing unmounts.
 */
final class SmallTmpfs implements AutoCloseable {

    private final Path mountPoint;

    private SmallTmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code size} (mount's syntax, e.g. "16m") on a new directory {@code parent/mnt}. */
    static SmallTmpfs mountOrSkip(Path parent, String size) throws IOException, InterruptedException {
        Path mnt = Files.createDirectory(parent.resolve("mnt"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt.toString()),
                "cannot mount a small tmpfs here (needs root)");
        return new SmallTmpfs(mnt);
    }

    Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", mountPoint.toString());
    }

    private static boolean run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
