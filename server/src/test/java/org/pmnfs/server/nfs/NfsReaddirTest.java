package org.pmnfs.server.nfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.nfs.xdr.READDIR3res;
import org.pmnfs.server.nfs.xdr.READDIRPLUS3res;
import org.pmnfs.server.nfs.xdr.entry3;
import org.pmnfs.server.nfs.xdr.entryplus3;
import org.pmnfs.server.testing.NfsTestClient;
import org.pmnfs.server.testing.TestServer;
import org.pmnfs.vfs.NfsStatus;

/** READDIR and READDIRPLUS over loopback TCP: byte limits, cookies, verifiers, attributes and handles. */
class NfsReaddirTest {

    private TestServer server;
    private NfsTestClient client;
    private byte[] root;
    private byte[] dir;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start();
        client = server.client();
        root = client.mount("/");
        dir = client.makeDir(root, "d");
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    @Test
    void pagesRespectCountExactlyAndCoverTheDirectory() throws IOException {
        Set<String> expected = names(100);
        for (String n : expected) {
            client.createFile(dir, n);
        }
        expected.add(".");
        expected.add("..");
        int count = 1024;
        Set<String> seen = new HashSet<>();
        long cookie = 0;
        long verifier = 0;
        int pages = 0;
        int previousResok = -1;
        while (true) {
            READDIR3res r = client.readdir(dir, cookie, verifier, count);
            assertEquals(NfsStatus.OK, r.status);
            int resok = client.lastBodyBytes() - 4;
            assertTrue(resok <= count, "READDIR3resok of " + resok + " bytes exceeds count " + count);
            if (previousResok >= 0) {
                // The previous page was full: this page's first entry would not have fitted in it.
                int next = entry3.size(r.entries.get(0).name().length);
                assertTrue(previousResok + next > count, "page of " + previousResok + " bytes had room for " + next + " more");
            }
            for (entry3 e : r.entries) {
                assertTrue(seen.add(name(e.name())), "listed twice: " + name(e.name()));
            }
            pages++;
            if (r.eof) {
                break;
            }
            assertFalse(r.entries.isEmpty());
            previousResok = resok;
            cookie = r.entries.get(r.entries.size() - 1).cookie();
            verifier = r.cookieverf;
        }
        assertEquals(expected, seen);
        assertTrue(pages > 3, "1 KiB pages of 102 entries: several pages, got " + pages);
    }

    @Test
    void cookiesSurviveInsertsAndDeletesBetweenPages() throws IOException {
        for (String n : names(40)) {
            client.createFile(dir, n);
        }
        READDIR3res first = client.readdir(dir, 0, 0, 600);
        assertFalse(first.eof);
        Set<String> seen = new HashSet<>();
        first.entries.forEach(e -> seen.add(name(e.name())));
        Set<String> unseen = new HashSet<>(names(40));
        unseen.removeAll(seen);
        String removed = unseen.iterator().next();
        assertEquals(NfsStatus.OK, client.remove(dir, removed).status);
        client.createFile(dir, "late-arrival");
        long cookie = first.entries.get(first.entries.size() - 1).cookie();
        long verifier = first.cookieverf;
        while (true) {
            READDIR3res r = client.readdir(dir, cookie, verifier, 600);
            assertEquals(NfsStatus.OK, r.status, "the verifier stays valid across inserts and deletes");
            for (entry3 e : r.entries) {
                assertTrue(seen.add(name(e.name())), "listed twice: " + name(e.name()));
            }
            if (r.eof) {
                break;
            }
            cookie = r.entries.get(r.entries.size() - 1).cookie();
        }
        assertFalse(seen.contains(removed), "a name removed before it was listed is not listed");
        unseen.remove(removed);
        assertTrue(seen.containsAll(unseen), "every surviving name is listed");
    }

    @Test
    void tooSmallBadCookieAndNotDir() throws IOException {
        client.createFile(dir, "x");
        READDIR3res small = client.readdir(dir, 0, 0, READDIR3res.OK_OVERHEAD + 8);
        assertEquals(NfsStatus.TOOSMALL, small.status);
        assertNotNull(small.dir_attributes);
        READDIR3res page = client.readdir(dir, 0, 0, 4096);
        long cookie = page.entries.get(0).cookie();
        assertEquals(NfsStatus.BAD_COOKIE, client.readdir(dir, cookie, page.cookieverf + 1, 4096).status);
        byte[] file = client.lookup(dir, "x").object;
        assertEquals(NfsStatus.NOTDIR, client.readdir(file, 0, 0, 4096).status);
        assertEquals(NfsStatus.NOTDIR, client.readdirplus(file, 0, 0, 4096, 4096).status);
    }

    @Test
    void readdirplusCarriesAttributesAndHandlesWithinBothLimits() throws IOException {
        Set<String> expected = names(60);
        for (String n : expected) {
            client.createFile(dir, n);
        }
        expected.add(".");
        expected.add("..");
        int dircount = 512;
        int maxcount = 8192;
        Set<String> seen = new HashSet<>();
        long cookie = 0;
        long verifier = 0;
        while (true) {
            READDIRPLUS3res r = client.readdirplus(dir, cookie, verifier, dircount, maxcount);
            assertEquals(NfsStatus.OK, r.status);
            assertTrue(client.lastBodyBytes() - 4 <= maxcount);
            int dirBytes = 0;
            for (entryplus3 e : r.entries) {
                String n = name(e.name());
                assertTrue(seen.add(n));
                dirBytes += entryplus3.dirSize(e.name().length);
                assertNotNull(e.name_attributes(), "attributes of " + n);
                if (n.equals("..")) {
                    assertNull(e.name_handle(), "no handle for '..'");
                } else {
                    assertNotNull(e.name_handle(), "handle of " + n);
                    assertEquals(e.fileid(), client.getattr(e.name_handle()).obj_attributes.fileId());
                }
                if (n.equals(".")) {
                    assertArrayEquals(dir, e.name_handle());
                }
            }
            assertTrue(dirBytes <= dircount, dirBytes + " bytes of directory information exceed dircount " + dircount);
            if (r.eof) {
                break;
            }
            cookie = r.entries.get(r.entries.size() - 1).cookie();
            verifier = r.cookieverf;
        }
        assertEquals(expected, seen);
    }

    @Test
    void twoThousandEntriesAreListedCompletely() throws IOException {
        Set<String> expected = names(2000);
        for (String n : expected) {
            client.createFile(dir, n);
        }
        Set<String> seen = new HashSet<>();
        long cookie = 0;
        long verifier = 0;
        List<Integer> pageSizes = new ArrayList<>();
        while (true) {
            // What the Linux client sends for a 32 KiB dtsize: dircount = maxcount / 8.
            READDIRPLUS3res r = client.readdirplus(dir, cookie, verifier, 4096, 32768);
            assertEquals(NfsStatus.OK, r.status);
            r.entries.forEach(e -> seen.add(name(e.name())));
            pageSizes.add(r.entries.size());
            if (r.eof) {
                break;
            }
            cookie = r.entries.get(r.entries.size() - 1).cookie();
            verifier = r.cookieverf;
        }
        seen.remove(".");
        seen.remove("..");
        assertEquals(expected, seen);
        assertTrue(pageSizes.size() > 1, "several pages");
    }

    private static Set<String> names(int n) {
        Set<String> s = new HashSet<>();
        for (int i = 0; i < n; i++) {
            s.add("file-" + i + "-" + "x".repeat(i % 17));
        }
        return s;
    }

    private static String name(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
