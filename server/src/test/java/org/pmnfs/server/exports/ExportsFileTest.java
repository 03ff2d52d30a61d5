package org.pmnfs.server.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportsFileTest {

    @TempDir
    Path dir;

    private ExportTable parse(String text) throws Exception {
        Path f = dir.resolve("exports");
        Files.writeString(f, text);
        return ExportsFile.parse(f);
    }

    private ExportsFileException failure(String text) throws IOException {
        Path f = dir.resolve("exports");
        Files.writeString(f, text);
        return assertThrows(ExportsFileException.class, () -> ExportsFile.parse(f));
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void readsPathsClientsAndOptions() throws Exception {
        ExportTable t = parse("""
                # scratch space
                /srv/data  10.0.0.0/8(rw,no_root_squash,insecure) 127.0.0.1(ro)   # trailing comment

                /pub       *(ro,all_squash,anonuid=1000,anongid=1001)
                """);
        assertEquals(2, t.exports().size());
        Export data = t.byPath("/srv/data").orElseThrow();
        ExportOptions lan = data.optionsFor(ip("10.1.2.3")).orElseThrow();
        assertFalse(lan.readOnly());
        assertEquals(Squash.NONE, lan.squash());
        assertFalse(lan.secure());
        ExportOptions local = data.optionsFor(ip("127.0.0.1")).orElseThrow();
        assertTrue(local.readOnly());
        assertEquals(Squash.ROOT, local.squash(), "exports(5) default is root_squash");
        assertTrue(local.secure(), "exports(5) default is secure");
        assertTrue(data.optionsFor(ip("192.168.1.1")).isEmpty());

        ExportOptions pub = t.byPath("/pub").orElseThrow().optionsFor(ip("8.8.8.8")).orElseThrow();
        assertEquals(Squash.ALL, pub.squash());
        assertEquals(1000, pub.anonUid());
        assertEquals(1001, pub.anonGid());
    }

    @Test
    void firstMatchingClientWins() throws Exception {
        Export e = parse("/x 127.0.0.1(ro) 127.0.0.0/8(rw)\n").exports().getFirst();
        assertTrue(e.optionsFor(ip("127.0.0.1")).orElseThrow().readOnly());
        assertFalse(e.optionsFor(ip("127.0.0.2")).orElseThrow().readOnly());
    }

    @Test
    void netmaskIpv6AndMappedAddresses() throws Exception {
        Export e = parse("/x 192.168.4.0/255.255.254.0(rw) ::1(rw) fd00::/8(ro)\n").exports().getFirst();
        assertTrue(e.optionsFor(ip("192.168.5.9")).isPresent());
        assertTrue(e.optionsFor(ip("192.168.6.1")).isEmpty());
        assertTrue(e.optionsFor(ip("::1")).isPresent());
        assertTrue(e.optionsFor(ip("fd12::1")).orElseThrow().readOnly());
        assertTrue(e.optionsFor(ip("::ffff:192.168.4.1")).isPresent(), "IPv4-mapped IPv6 matches the IPv4 rule");
    }

    @Test
    void continuationQuotingAndNormalisedPaths() throws Exception {
        ExportTable t = parse("\"/with space/\" \\\n   127.0.0.1(rw)\n//a//b/ *(ro)\n");
        assertTrue(t.byPath("/with space").isPresent());
        assertTrue(t.byPath("/a/b").isPresent());
        assertTrue(t.byPath("/a/b/").isPresent(), "MNT of '/a/b/' finds '/a/b'");
        assertTrue(t.byPath("/a").isEmpty());
    }

    @Test
    void dashOptionsSetDefaultsForFollowingClients() throws Exception {
        Export e = parse("/x -rw,insecure 127.0.0.1 10.0.0.1(ro)\n").exports().getFirst();
        ExportOptions a = e.optionsFor(ip("127.0.0.1")).orElseThrow();
        assertFalse(a.readOnly());
        assertFalse(a.secure());
        ExportOptions b = e.optionsFor(ip("10.0.0.1")).orElseThrow();
        assertTrue(b.readOnly());
        assertFalse(b.secure());
    }

    @Test
    void clientlessOptionsMeanEveryHost() throws Exception {
        Export e = parse("/x (rw)\n").exports().getFirst();
        assertFalse(e.optionsFor(ip("203.0.113.7")).orElseThrow().readOnly());
    }

    @Test
    void ignoredNfsdOptionsAreAccepted() throws Exception {
        parse("/x 127.0.0.1(rw,sync,no_subtree_check,fsid=0,sec=sys)\n");
    }

    @Test
    void badLinesNameTheirLineNumber() throws IOException {
        assertEquals(3, failure("/ok 127.0.0.1(rw)\n\n/bad 127.0.0.1(rw,frobnicate)\n").lineNumber());
        assertTrue(failure("/a 127.0.0.1(rw,frobnicate)\n").getMessage().contains("unknown option 'frobnicate'"));
        assertEquals(1, failure("relative 127.0.0.1(rw)\n").lineNumber());
        assertEquals(1, failure("/a 10.0.0.0/33(rw)\n").lineNumber());
        assertEquals(1, failure("/a 300.1.1.1(rw)\n").lineNumber());
        assertEquals(1, failure("/a 10.0.0.0/255.0.255.0(rw)\n").lineNumber());
        assertEquals(1, failure("/a 127.0.0.1(rw\n").lineNumber());
        assertEquals(1, failure("/a 127.0.0.1(anonuid=-1)\n").lineNumber());
        assertEquals(1, failure("/a *.example.com(rw)\n").lineNumber());
        assertEquals(1, failure("/a @trusted(rw)\n").lineNumber());
        assertEquals(1, failure("/a 127.0.0.1(sec=krb5)\n").lineNumber());
        assertEquals(1, failure("/a\n").lineNumber());
        assertEquals(1, failure("/a/../b 127.0.0.1(rw)\n").lineNumber());
        assertEquals(2, failure("/a 127.0.0.1(rw)\n/a/ 10.0.0.1(rw)\n").lineNumber());
        assertEquals(1, failure("\"/a 127.0.0.1(rw)\n").lineNumber());
        assertEquals(2, failure("# only\n/a 127.0.0.1(rw) \\\n").lineNumber());
    }

    @Test
    void spaceBeforeOptionsIsRefusedBecauseItWouldExportToEveryone() throws IOException {
        ExportsFileException e = failure("/a 127.0.0.1 (rw)\n");
        assertEquals(1, e.lineNumber());
        assertTrue(e.getMessage().contains("space before '('"), e.getMessage());
    }

    @Test
    void emptyOrMissingFileIsRefused() throws IOException {
        assertTrue(failure("# nothing\n").getMessage().contains("no exports"));
        ExportsFileException missing = assertThrows(ExportsFileException.class,
                () -> ExportsFile.parse(dir.resolve("absent")));
        assertTrue(missing.getMessage().contains("cannot read"));
    }
}
