package org.pmnfs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: help texts, exit codes and one-line errors for bad flags. */
class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsTheServeCommand() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("serve"), out.toString());
        assertEquals(0, run());
        assertTrue(out.toString().contains("Usage: pmnfs"));
    }

    @Test
    void serveHelpListsEveryOption() {
        assertEquals(0, run("serve", "--help"));
        for (String option : new String[] {"--backend", "--listen", "--exports", "--portmap", "--workers",
                "--max-connections", "--idle-timeout", "--metrics-listen", "--grace", "--nsm-file", "--lock-port"}) {
            assertTrue(out.toString().contains(option), option + " in\n" + out);
        }
    }

    @Test
    void badFlagsGiveOneClearLineAndExitCodeTwo() {
        assertEquals(2, run("serve", "--backend", "tape"));
        assertTrue(err.toString().contains("unknown backend 'tape' (choose from: pmem, memory, kv)"), err.toString());
        assertTrue(err.toString().contains("pmnfs serve --help"));
        assertEquals(2, run("serve", "--listen", "localhost"));
        assertTrue(err.toString().contains("is not HOST:PORT"), err.toString());
        assertEquals(2, run("serve", "--listen", "127.0.0.1:70000"));
        assertTrue(err.toString().contains("outside 0..65535"), err.toString());
        assertEquals(2, run("serve", "--workers", "0"));
        assertTrue(err.toString().contains("--workers: 0 is outside 1..1024"), err.toString());
        assertEquals(2, run("serve", "--max-connections", "0"));
        assertTrue(err.toString().contains("--max-connections: 0 is less than 1"), err.toString());
        assertEquals(2, run("serve", "--idle-timeout", "-5"));
        assertTrue(err.toString().contains("--idle-timeout: -5 is negative"), err.toString());
        assertEquals(2, run("serve", "--grace", "-1"));
        assertTrue(err.toString().contains("--grace: -1 is outside 0..3600"), err.toString());
        assertEquals(2, run("serve", "--lock-port", "70000"));
        assertTrue(err.toString().contains("--lock-port: 70000 is outside 0..65535"), err.toString());
        assertEquals(2, run("serve", "--frobnicate"));
        assertTrue(err.toString().contains("Unknown option: '--frobnicate'"), err.toString());
        assertEquals(2, run("mkfs"));
    }

    @Test
    void aDamagedNsmFileStopsStartUpWithItsLineNumber(@TempDir Path dir) throws IOException {
        Path nsm = dir.resolve("pool.nsm");
        Files.writeString(nsm, "pmnfs-nsm 1\nstate x\n");
        assertEquals(1, run("serve", "--backend", "memory", "--nsm-file", nsm.toString(), "--listen", "127.0.0.1:0"));
        assertTrue(err.toString().contains(nsm + ":2"), err.toString());
        assertEquals("pmnfs-nsm 1\nstate x\n", Files.readString(nsm), "left as it was");
    }

    @Test
    void anNsmFileThatCannotBeWrittenStopsStartUpNamingTheFileAndTheFlag(@TempDir Path dir) {
        Path nsm = dir.resolve("missing").resolve("pool.nsm");
        assertEquals(1, run("serve", "--backend", "memory", "--nsm-file", nsm.toString(), "--listen", "127.0.0.1:0"));
        String said = err.toString();
        assertTrue(said.contains("cannot start: " + nsm) && said.contains("no such file or directory")
                && said.contains("--nsm-file"), said);
    }

    @Test
    void locksWithoutAServerSaysSo() {
        assertEquals(0, run("locks", "--help"));
        assertTrue(out.toString().contains("--release"), out.toString());
        assertEquals(1, run("locks", "--server", "127.0.0.1:1"));
        assertTrue(err.toString().contains("no answer from pmnfs at 127.0.0.1:1"), err.toString());
    }

    @Test
    void aBadExportsFileStopsStartUpWithItsLineNumber(@TempDir Path dir) throws IOException {
        Path exports = dir.resolve("exports");
        Files.writeString(exports, "# fine\n/ 127.0.0.1(rw)\n/data 127.0.0.1(rw,bogus_option)\n");
        assertEquals(2, run("serve", "--exports", exports.toString(), "--listen", "127.0.0.1:0"));
        assertTrue(err.toString().contains(exports + ":3"), err.toString());
    }

    @Test
    void exportsCheckSummarisesAGoodFileAndNamesTheLineOfABadOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path good = tmp.resolve("good");
        java.nio.file.Files.writeString(good, "# comment\n/ 127.0.0.1(rw,insecure,no_root_squash)\n/pub *(ro) 10.0.0.0/8(rw)\n");
        assertEquals(0, run("exports", "--check", good.toString()));
        assertTrue(out.toString().contains(good + ": OK, 2 export(s), 3 client rule(s)"), out.toString());
        assertTrue(out.toString().contains("/  127.0.0.1(rw,no_root_squash,insecure)"), out.toString());
        assertTrue(out.toString().contains("/pub  *(ro,root_squash,secure)  10.0.0.0/8(rw,root_squash,secure)"), out.toString());

        java.nio.file.Path bad = tmp.resolve("bad");
        java.nio.file.Files.writeString(bad, "/ 127.0.0.1(rw)\n\n/x 10.0.0.0/33(rw)\n");
        assertEquals(1, run("exports", "--check", bad.toString()));
        assertTrue(err.toString().contains(bad + ":3:"), err.toString());
        assertEquals(1, run("exports", "--check", tmp.resolve("missing").toString()));
        assertTrue(err.toString().contains("cannot read the exports file"), err.toString());
        assertEquals(2, run("exports"));
    }
}
