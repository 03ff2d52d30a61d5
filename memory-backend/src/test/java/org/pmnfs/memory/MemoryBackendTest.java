package org.pmnfs.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.BadCookieException;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.EntryBudget;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.HandleCodec;
import org.pmnfs.vfs.NfsException;
import org.pmnfs.vfs.NfsIoException;
import org.pmnfs.vfs.NoSpcException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.pmnfs.vfs.StaleException;
import org.pmnfs.vfs.TestClock;

/** What the memory backend promises beyond the contract: its handles, its space accounting, its limits. */
class MemoryBackendTest {

    private final MemoryBackend fs = new MemoryBackend(new MemoryBackendConfig(1 << 20, 4096), new TestClock());

    @AfterEach
    void close() {
        fs.close();
    }

    private static FileName n(String s) throws NfsException {
        return FileName.of(s);
    }

    private FileHandle create(String name) throws Exception {
        return fs.create(fs.root(), n(name), CreateMode.GUARDED, SetAttributes.NONE, 0).handle();
    }

    @Test
    void handlesAreMemoryHandlesOfThisInstanceOnly() throws Exception {
        FileHandle f = create("f");
        assertEquals(HandleCodec.LENGTH, f.length());
        assertEquals(HandleCodec.KIND_MEMORY, f.byteAt(3));
        try (MemoryBackend other = new MemoryBackend(new MemoryBackendConfig(1 << 20, 4096), new TestClock())) {
            assertThrows(StaleException.class, () -> other.getattr(f), "a restart makes every old handle stale");
            assertThrows(StaleException.class, () -> other.getattr(fs.root()));
        }
    }

    @Test
    void everyObjectAndNameCountsAgainstTheCapacity() throws Exception {
        long before = fs.usedBytes();
        create("abc");
        assertEquals(before + SpaceAccount.INODE_BYTES + SpaceAccount.entryCost(3), fs.usedBytes());
        assertEquals(fs.fsstat(fs.root()).freeBytes(), (1 << 20) - fs.usedBytes());
        fs.symlink(fs.root(), n("l"), new byte[100], SetAttributes.NONE);
        assertEquals(before + 2 * SpaceAccount.INODE_BYTES + SpaceAccount.entryCost(3) + SpaceAccount.entryCost(1) + 100,
                fs.usedBytes());
        fs.remove(fs.root(), n("l"));
        fs.remove(fs.root(), n("abc"));
        assertEquals(before, fs.usedBytes(), "removing gives everything back");
    }

    @Test
    void emptyFilesAloneCanFillTheStoreButNotTheHeap() throws Exception {
        int created = 0;
        NoSpcException full = null;
        while (full == null) {
            try {
                create("file-" + created);
                created++;
            } catch (NoSpcException e) {
                full = e;
            }
            assertTrue(created < 10_000, "a 1 MiB store took 10,000 files without NOSPC");
        }
        assertTrue(created > 1000, "only " + created + " empty files fit in 1 MiB");
        fs.remove(fs.root(), n("file-0"));
        create("again");
    }

    @Test
    void usedReportsTheBytesHeldNotTheSize() throws Exception {
        FileHandle f = create("f");
        fs.write(f, 0, ByteBuffer.wrap(new byte[100]), StableHow.FILE_SYNC);
        assertEquals(128, fs.getattr(f).used(), "a 100-byte file holds 128 bytes");
        fs.write(f, 1L << 30, ByteBuffer.wrap(new byte[1]), StableHow.FILE_SYNC);
        assertEquals(128 + 64, fs.getattr(f).used(), "a 1 GiB hole holds nothing");
        fs.setattr(f, SetAttributes.ofSize(0), null);
        assertEquals(0, fs.getattr(f).used());
    }

    @Test
    void aWriteThatDoesNotFitChangesNothing() throws Exception {
        FileHandle f = create("f");
        long free = fs.fsstat(f).freeBytes();
        assertThrows(NoSpcException.class,
                () -> fs.write(f, 0, ByteBuffer.wrap(new byte[(int) free + 4096]), StableHow.FILE_SYNC));
        assertEquals(0, fs.getattr(f).size());
        assertEquals(free, fs.fsstat(f).freeBytes());
    }

    @Test
    void writesReachTheStabilityAskedFor() throws Exception {
        FileHandle f = create("f");
        for (StableHow s : StableHow.values()) {
            assertEquals(s, fs.write(f, 0, ByteBuffer.wrap(new byte[1]), s).committed());
        }
    }

    @Test
    void aCookieNeverHandedOutIsBadCookie() throws Exception {
        create("a");
        assertThrows(BadCookieException.class,
                () -> fs.readdir(fs.root(), 1_000_000, 0, false, EntryBudget.unlimited()));
    }

    @Test
    void theRootIsInodeOneAndLimitsAreAdvertised() throws Exception {
        assertEquals(InodeTable.ROOT_INO, fs.getattr(fs.root()).fileId());
        assertEquals(MemoryStore.MAX_FILE_SIZE, fs.fsinfo(fs.root()).maxFileSize());
        assertEquals(1, fs.fsinfo(fs.root()).timeDeltaNanos());
        assertEquals(MemoryStore.LINK_MAX, fs.pathconf(fs.root()).linkMax());
        assertEquals(1 << 20, fs.fsstat(fs.root()).totalBytes());
    }

    @Test
    void callsAfterCloseFailWithIo() {
        FileHandle root = fs.root();
        fs.close();
        NfsIoException e = assertThrows(NfsIoException.class, () -> fs.getattr(root));
        assertTrue(e.getMessage().contains("closed"));
    }
}
