package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Contract, part 6: READDIR and READDIRPLUS. "." and ".." come first, cookies stay valid per
 * entry while others come and go (Linux resumes from the last cookie it kept), the verifier is
 * checked, budgets are honoured, and READDIRPLUS attributes equal what LOOKUP returns.
 */
abstract class ReaddirContract extends IoContract {

    @Test
    void anEmptyDirectoryListsDotAndDotDot() throws Exception {
        FileHandle d = dir(root, "d");
        DirListing l = fs.readdir(d, 0, 0, false, EntryBudget.unlimited());
        assertTrue(l.eof());
        assertEquals(2, l.entries().size());
        assertEquals(FileName.DOT, l.entries().get(0).name());
        assertEquals(FileName.DOT_DOT, l.entries().get(1).name());
        assertEquals(attrs(d).fileId(), l.entries().get(0).fileId());
        assertEquals(attrs(root).fileId(), l.entries().get(1).fileId());
        assertEquals(attrs(d), l.directoryAttributes());
    }

    @Test
    void everyEntryIsListedOnceWithItsFileId() throws Exception {
        FileHandle d = dir(root, "d");
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            expected.put("file" + i, attrs(file(d, "file" + i)).fileId());
        }
        expected.put("sub", attrs(dir(d, "sub")).fileId());
        expected.put("link", attrs(symlink(d, "link", "file0")).fileId());
        Map<String, DirEntry> listed = entriesByName(d, 7, false);
        listed.remove(".");
        listed.remove("..");
        assertEquals(expected.keySet(), listed.keySet());
        Set<Long> cookies = new HashSet<>();
        for (DirEntry e : listed.values()) {
            assertEquals(expected.get(e.name().toString()), e.fileId(), "fileId of " + e.name());
            assertTrue(cookies.add(e.cookie()), "cookie " + e.cookie() + " used twice");
        }
    }

    @Test
    void aBudgetOfZeroGivesAnEmptyPageThatIsNotEof() throws Exception {
        DirListing l = fs.readdir(root, 0, 0, false, EntryBudget.ofEntries(0));
        assertTrue(l.entries().isEmpty());
        assertFalse(l.eof(), "an empty page with more to come must not claim eof (the server answers TOOSMALL)");
    }

    @Test
    void resumingFromTheLastCookieGivesEofAndNothingMore() throws Exception {
        file(root, "only");
        List<DirEntry> all = listAll(root, 100, false);
        DirEntry last = all.getLast();
        DirListing l = fs.readdir(root, last.cookie(), fs.readdir(root, 0, 0, false, EntryBudget.unlimited()).cookieVerifier(),
                false, EntryBudget.unlimited());
        assertTrue(l.entries().isEmpty());
        assertTrue(l.eof());
    }

    @Test
    void cookiesStayValidAcrossInsertsAndDeletesBetweenPages() throws Exception {
        FileHandle d = dir(root, "d");
        Set<String> original = new TreeSet<>();
        for (int i = 0; i < 200; i++) {
            original.add("n" + i);
            file(d, "n" + i);
        }
        Map<String, Long> cookiesBefore = new HashMap<>();
        entriesByName(d, 1000, false).forEach((n, e) -> cookiesBefore.put(n, e.cookie()));

        Set<String> deletedBeforeStart = Set.of("n5", "n77", "n199");
        for (String n : deletedBeforeStart) {
            fs.remove(d, name(n));
        }
        Set<String> seen = new HashSet<>();
        Set<String> deletedDuring = new HashSet<>(deletedBeforeStart);
        Set<String> added = new HashSet<>();
        long cookie = 0;
        long verifier = 0;
        int page = 0;
        while (true) {
            DirListing l = fs.readdir(d, cookie, verifier, page % 2 == 1, EntryBudget.ofEntries(13));
            for (DirEntry e : l.entries()) {
                String n = e.name().toString();
                assertTrue(seen.add(n), "entry '" + n + "' listed twice");
                if (cookiesBefore.containsKey(n)) {
                    assertEquals(cookiesBefore.get(n), e.cookie(), "cookie of '" + n + "' changed while it existed");
                }
            }
            if (l.eof()) {
                break;
            }
            cookie = l.entries().getLast().cookie();
            verifier = l.cookieVerifier();
            // Between pages: delete the entry whose cookie we resume from, another not yet listed
            // (if any), and add new names, as other clients would.
            String resumeFrom = l.entries().getLast().name().toString();
            if (!resumeFrom.startsWith(".")) {
                fs.remove(d, name(resumeFrom));
                deletedDuring.add(resumeFrom);
            }
            for (String n : original) {
                if (!seen.contains(n) && !deletedDuring.contains(n) && Math.floorMod(n.hashCode(), 3) == page % 3) {
                    fs.remove(d, name(n));
                    deletedDuring.add(n);
                    break;
                }
            }
            String fresh = "new" + page;
            file(d, fresh);
            added.add(fresh);
            page++;
        }
        assertTrue(page > 10, "the listing should have needed many pages, took " + page);
        for (String n : original) {
            if (!deletedDuring.contains(n)) {
                assertTrue(seen.contains(n), "entry '" + n + "' existed throughout but was never listed");
            }
        }
        for (String n : deletedBeforeStart) {
            assertFalse(seen.contains(n), "entry '" + n + "' was deleted before the listing but was listed");
        }
        for (String n : seen) {
            assertTrue(original.contains(n) || added.contains(n) || n.equals(".") || n.equals(".."),
                    "listed '" + n + "' which never existed");
        }
    }

    @Test
    void aWrongCookieVerifierIsBadCookie() throws Exception {
        for (int i = 0; i < 10; i++) {
            file(root, "f" + i);
        }
        DirListing first = fs.readdir(root, 0, 0, false, EntryBudget.ofEntries(4));
        long cookie = first.entries().getLast().cookie();
        long wrong = first.cookieVerifier() == 1 ? 2 : first.cookieVerifier() ^ 1;
        wrong = wrong == 0 ? 3 : wrong;
        long bad = wrong;
        assertNfsError(NfsStatus.BAD_COOKIE, () -> fs.readdir(root, cookie, bad, false, EntryBudget.unlimited()));
        assertNfsError(NfsStatus.BAD_COOKIE, () -> fs.readdir(root, cookie, bad, true, EntryBudget.unlimited()));
        DirListing rest = fs.readdir(root, cookie, first.cookieVerifier(), false, EntryBudget.unlimited());
        assertEquals(12, first.entries().size() + rest.entries().size());
    }

    @Test
    void theCookieVerifierSurvivesChangesToTheDirectory() throws Exception {
        for (int i = 0; i < 10; i++) {
            file(root, "f" + i);
        }
        DirListing first = fs.readdir(root, 0, 0, false, EntryBudget.ofEntries(4));
        fs.remove(root, name("f9"));
        file(root, "g");
        dir(root, "h");
        DirListing rest = fs.readdir(root, first.entries().getLast().cookie(), first.cookieVerifier(), false,
                EntryBudget.unlimited());
        assertTrue(rest.eof(), "cookies stay valid, so the verifier must not change with the directory");
    }

    @Test
    protected void aDirectoryOfTenThousandEntriesIsListedCompletelyInSmallPages() throws Exception {
        FileHandle d = dir(root, "big");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String n = "entry-" + i + "-" + Integer.toHexString(i * 0x9E3779B1); // varied lengths
            expected.add(n);
            fs.create(d, name(n), CreateMode.GUARDED, FILE_ATTRS, 0);
        }
        for (boolean plus : new boolean[] {false, true}) {
            Map<String, DirEntry> listed = entriesByName(d, 37, plus);
            assertEquals(10_002, listed.size(), "10,000 entries plus '.' and '..' (withAttributes " + plus + ")");
            listed.remove(".");
            listed.remove("..");
            assertEquals(expected, listed.keySet());
        }
    }

    @Test
    void readdirplusEntriesCarryWhatLookupReturns() throws Exception {
        FileHandle d = dir(root, "d");
        FileHandle f = file(d, "f");
        write(f, 0, pattern(17, 1234));
        dir(d, "sub");
        symlink(d, "l", "f");
        fs.link(f, d, name("f2"));
        List<DirEntry> entries = listAll(d, 2, true);
        assertEquals(6, entries.size());
        for (DirEntry e : entries) {
            assertNotNull(e.handle(), "READDIRPLUS entry '" + e.name() + "' without a handle");
            assertNotNull(e.attributes(), "READDIRPLUS entry '" + e.name() + "' without attributes");
            LookupResult l = fs.lookup(d, e.name());
            assertEquals(l.handle(), e.handle(), "handle of '" + e.name() + "'");
            assertEquals(l.attributes(), e.attributes(), "attributes of '" + e.name() + "'");
            assertEquals(l.attributes().fileId(), e.fileId(), "fileId of '" + e.name() + "'");
        }
    }

    @Test
    void listingsCarryTheDirectoryAttributes() throws Exception {
        FileHandle d = dir(root, "d");
        file(d, "f");
        DirListing l = fs.readdir(d, 0, 0, true, EntryBudget.ofEntries(1));
        assertEquals(attrs(d), l.directoryAttributes());
        assertEquals(1, l.entries().size());
        assertFalse(l.eof());
    }

    @Test
    void listingOfAStaleDirectoryIsStale() throws Exception {
        FileHandle d = dir(root, "d");
        fs.rmdir(root, name("d"));
        assertNfsError(NfsStatus.STALE, () -> fs.readdir(d, 0, 0, false, EntryBudget.unlimited()));
    }
}
