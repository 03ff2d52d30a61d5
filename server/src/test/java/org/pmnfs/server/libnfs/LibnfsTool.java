package org.pmnfs.server.libnfs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's libnfs-utils (nfs-cp, nfs-ls, nfs-cat): an NFS client written by someone else,
 * so these tests check the server against an independent reading of RFC 1813.
 */
final class LibnfsTool {

    private static final long TIMEOUT_SECONDS = 300;

    private final InetSocketAddress server;

    LibnfsTool(InetSocketAddress server) {
        this.server = server;
    }

    /**
     * The URL of {@code path} (absolute, inside the export "/"). libnfs wants "//" between the
     * server and a path at the root of the export "/" (nfs-protocol.md).
     */
    String url(String path) {
        int port = server.getPort();
        return "nfs://" + server.getAddress().getHostAddress() + "/" + path
                + "?version=3&nfsport=" + port + "&mountport=" + port;
    }

    /** Starts a tool with its output going to {@code output}; the caller waits (see {@link #finish}). */
    static Process start(Path output, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
    }

    /**
     * Waits for a started tool and returns its output; fails with the output if it exits non-zero
     * or runs past the timeout (libnfs retries forever against a server that has gone away).
     */
    static String finish(Process p, Path output, String what) throws IOException, InterruptedException {
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(what + ": no exit after " + TIMEOUT_SECONDS + " s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        if (p.exitValue() != 0) {
            throw new IOException(what + ": exit " + p.exitValue() + ": " + text.strip());
        }
        return text;
    }

    /** Runs a tool and returns its output; fails with the output if it exits non-zero or hangs. */
    String run(String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("libnfs", ".out");
        return finish(start(output, command), output, String.join(" ", command));
    }

    void copyIn(Path local, String remotePath) throws IOException, InterruptedException {
        run("nfs-cp", local.toString(), url(remotePath));
    }

    void copyOut(String remotePath, Path local) throws IOException, InterruptedException {
        run("nfs-cp", url(remotePath), local.toString());
    }

    String cat(String remotePath) throws IOException, InterruptedException {
        return run("nfs-cat", url(remotePath));
    }

    /** The names nfs-ls prints for a directory (its last column), without "." and "..". */
    List<String> list(String remoteDir) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (String line : run("nfs-ls", url(remoteDir)).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String name = trimmed.substring(trimmed.lastIndexOf(' ') + 1);
            if (!name.equals(".") && !name.equals("..")) {
                names.add(name);
            }
        }
        return names;
    }
}
