package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The invariants the vfs value records check in their constructors, and their small helpers. */
class ValueRecordsTest {

    private static FileAttributes file(long size) {
        return new FileAttributes(FileType.REGULAR, 0644, 1, 0, 0, size, 0, 0, 0, 1, 2, 3, 4, 5);
    }

    private static IllegalArgumentException refused(Executable e, String field) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(field), "message should name '" + field + "': " + x.getMessage());
        return x;
    }

    @Test
    void fileHandleHoldsOneTo64BytesAndCopies() {
        refused(() -> new FileHandle(new byte[0]), "length");
        refused(() -> new FileHandle(new byte[65]), "length");
        refused(() -> new FileHandle(null), "null");
        byte[] b = {1, 2, 3};
        FileHandle h = new FileHandle(b);
        b[0] = 9;
        assertEquals(1, h.byteAt(0));
        h.bytes()[1] = 9;
        assertEquals(2, h.byteAt(1));
        assertEquals(new FileHandle(new byte[] {1, 2, 3}), h);
        assertEquals(new FileHandle(new byte[] {1, 2, 3}).hashCode(), h.hashCode());
        assertEquals("fh:010203", h.toString());
        assertEquals(64, new FileHandle(new byte[64]).length());
    }

    @Test
    void fileAttributesRefuseTypeBitsAndNegativeCounts() {
        refused(() -> new FileAttributes(FileType.REGULAR, 0100644, 1, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0), "mode");
        refused(() -> new FileAttributes(FileType.REGULAR, 0644, -1, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0), "nlink");
        refused(() -> new FileAttributes(FileType.REGULAR, 0644, 1, 0, 0, -1, 0, 0, 0, 1, 2, 0, 0, 0), "size");
        refused(() -> new FileAttributes(FileType.REGULAR, 0644, 1, 0, 0, 0, -1, 0, 0, 1, 2, 0, 0, 0), "used");
        assertThrows(NullPointerException.class, () -> new FileAttributes(null, 0644, 1, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0));
        FileAttributes a = file(10);
        assertEquals(new WccAttr(10, 4, 5), a.toWccAttr());
        assertFalse(a.isDirectory());
        assertEquals(07777, new FileAttributes(FileType.DIRECTORY, 07777, 2, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0).mode());
    }

    @Test
    void setAttributesAndTimeUpdates() {
        refused(() -> SetAttributes.ofMode(010000), "mode");
        refused(() -> SetAttributes.ofSize(-1), "size");
        assertThrows(NullPointerException.class, () -> new SetAttributes(null, null, null, null, null, TimeUpdate.DONT_CHANGE));
        assertTrue(SetAttributes.NONE.isEmpty());
        SetAttributes s = SetAttributes.ofMode(0600).withOwner(1, 2).withSize(5L)
                .withTimes(TimeUpdate.SERVER_TIME, TimeUpdate.clientTime(7));
        assertEquals(new SetAttributes(0600, 1, 2, 5L, TimeUpdate.SERVER_TIME, TimeUpdate.clientTime(7)), s);
        assertFalse(s.isEmpty());
        assertFalse(SetAttributes.NONE.withTimes(TimeUpdate.DONT_CHANGE, TimeUpdate.SERVER_TIME).isEmpty());

        refused(() -> new TimeUpdate(TimeUpdate.How.SERVER_TIME, 5), "nanos");
        assertEquals(99, TimeUpdate.SERVER_TIME.resolve(99));
        assertEquals(7, TimeUpdate.clientTime(7).resolve(99));
        assertThrows(IllegalStateException.class, () -> TimeUpdate.DONT_CHANGE.resolve(99));
        assertFalse(TimeUpdate.DONT_CHANGE.changes());
    }

    @Test
    void wccData() {
        refused(() -> new WccAttr(-1, 0, 0), "size");
        WccData w = WccData.of(file(3), file(4));
        assertEquals(new WccAttr(3, 4, 5), w.before());
        assertEquals(4, w.after().size());
        assertNull(WccData.of(null, file(4)).before());
        assertNull(WccData.NONE.after());
    }

    @Test
    void dirEntriesAndListings() throws Exception {
        refused(() -> new DirEntry(0, FileName.DOT, 1, null, null), "cookie");
        assertThrows(NullPointerException.class, () -> new DirEntry(1, null, 1, null, null));
        List<DirEntry> entries = new ArrayList<>(List.of(new DirEntry(1, FileName.DOT, 1, null, null)));
        DirListing l = new DirListing(entries, true, 5, file(0));
        entries.clear();
        assertEquals(1, l.entries().size(), "the listing copies its entries");
        assertThrows(UnsupportedOperationException.class, () -> l.entries().clear());
        assertThrows(NullPointerException.class, () -> new DirListing(List.of(), true, 0, null));
    }

    @Test
    void entryBudgets() {
        DirEntry e = new DirEntry(1, FileName.DOT, 1, null, null);
        EntryBudget two = EntryBudget.ofEntries(2);
        assertTrue(two.tryAdd(e));
        assertTrue(two.tryAdd(e));
        assertFalse(two.tryAdd(e));
        assertFalse(EntryBudget.ofEntries(0).tryAdd(e));
        EntryBudget unlimited = EntryBudget.unlimited();
        for (int i = 0; i < 1000; i++) {
            assertTrue(unlimited.tryAdd(e));
        }
    }

    @Test
    void fsFigures() {
        refused(() -> new FsInfo(0, 1, true, true, true), "maxFileSize");
        refused(() -> new FsInfo(1, 0, true, true, true), "timeDeltaNanos");
        refused(() -> new FsStat(10, 11, 5, 1, 1, 1, 0), "free");
        refused(() -> new FsStat(10, 5, 6, 1, 1, 1, 0), "available");
        refused(() -> new FsStat(-1, 0, 0, 1, 1, 1, 0), "negative");
        new FsStat(10, 10, 10, 0, 0, 0, 0);
        refused(() -> new PathConf(0, 255, true, true, false, true), "linkMax");
        refused(() -> new PathConf(1, 0, true, true, false, true), "nameMax");
    }

    @Test
    void operationResults() {
        refused(() -> new ReadResult(-1, true, file(0)), "count");
        assertThrows(NullPointerException.class, () -> new ReadResult(0, true, null));
        refused(() -> new WriteResult(-1, StableHow.UNSTABLE, WccData.NONE), "count");
        assertThrows(NullPointerException.class, () -> new WriteResult(0, null, WccData.NONE));
        assertThrows(NullPointerException.class, () -> new WriteResult(0, StableHow.UNSTABLE, null));
        FileHandle h = new FileHandle(new byte[] {1});
        assertThrows(NullPointerException.class, () -> new CreateResult(null, file(0), WccData.NONE));
        assertThrows(NullPointerException.class, () -> new CreateResult(h, null, WccData.NONE));
        assertThrows(NullPointerException.class, () -> new CreateResult(h, file(0), null));
        assertThrows(NullPointerException.class, () -> new LookupResult(null, file(0), null));
        assertThrows(NullPointerException.class, () -> new LinkResult(null, WccData.NONE));
        assertThrows(NullPointerException.class, () -> new RenameResult(WccData.NONE, null));
        assertNull(new LookupResult(h, file(0), null).directoryAttributes(), "directory attributes are optional");
    }

    @Test
    void credentials() {
        refused(() -> new Credentials(1, 1, new int[17]), "groups");
        int[] groups = {5, 6};
        Credentials c = new Credentials(1, 2, groups);
        groups[0] = 99;
        assertTrue(c.inGroup(5));
        c.groups()[1] = 99;
        assertTrue(c.inGroup(6));
        assertTrue(c.inGroup(2));
        assertFalse(c.inGroup(99));
        assertEquals(0, new Credentials(1, 1, null).groups().length);
        assertTrue(Credentials.ROOT.isRoot());
        assertEquals(new Credentials(1, 2, new int[] {5, 6}), c);
        assertNotEquals(new Credentials(1, 2, new int[] {6, 5}), c);
        assertEquals("uid=4294967295 gid=2 groups=[5, 6]", new Credentials(-1, 2, new int[] {5, 6}).toString());
    }

    @Test
    void wireCodesRoundTrip() {
        for (FileType t : FileType.values()) {
            assertEquals(t, FileType.ofCode(t.code()));
        }
        assertNull(FileType.ofCode(0));
        assertNull(FileType.ofCode(8));
        for (StableHow s : StableHow.values()) {
            assertEquals(s, StableHow.ofCode(s.code()));
        }
        assertNull(StableHow.ofCode(3));
        assertTrue(StableHow.FILE_SYNC.compareTo(StableHow.DATA_SYNC) > 0);
        for (CreateMode m : CreateMode.values()) {
            assertEquals(m, CreateMode.ofCode(m.code()));
        }
        assertNull(CreateMode.ofCode(3));
        Set<Integer> codes = new HashSet<>();
        for (NfsStatus s : NfsStatus.values()) {
            assertTrue(codes.add(s.code()), "duplicate nfsstat3 code " + s.code());
        }
        assertEquals(10008, NfsStatus.JUKEBOX.code());
        assertEquals(70, NfsStatus.STALE.code());
    }

    @Test
    void nfsExceptionsCarryTheirStatusAndNeverOk() {
        assertThrows(IllegalArgumentException.class, () -> new NfsException(NfsStatus.OK, "fine"));
        assertThrows(NullPointerException.class, () -> new NfsException(null, "x"));
        NfsException e = new NoEntException("no 'x' in dir");
        assertEquals(NfsStatus.NOENT, e.status());
        assertEquals("NFS3ERR_NOENT: no 'x' in dir", e.toString());
        assertEquals(0, e.getStackTrace().length, "expected outcomes carry no stack trace");
        IllegalStateException cause = new IllegalStateException("disk");
        NfsException withCause = new NfsIoException("read failed", cause);
        assertEquals(cause, withCause.getCause());
        assertEquals(NfsStatus.IO, withCause.status());
        assertArrayEquals(new StackTraceElement[0], new StaleException("gone").getStackTrace());
    }
}
