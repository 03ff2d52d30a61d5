package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Contract, part 5: READ and WRITE. EOF flags, holes, zero fill on extend and after a truncate
 * into the middle of a block, unaligned I/O across many blocks checked against a model, buffers of
 * every kind, the maximum file size, stability, COMMIT and the write verifier.
 */
abstract class IoContract extends AttributesContract {

    @Test
    void readsAtAndPastEofSetEofWhenOffsetPlusCountReachesTheSize() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, pattern(10, 100));
        record Case(long offset, int count, int expectCount, boolean expectEof) {}
        for (Case c : new Case[] {
                new Case(0, 100, 100, true), new Case(0, 50, 50, false), new Case(50, 50, 50, true),
                new Case(0, 99, 99, false), new Case(99, 1, 1, true), new Case(0, 200, 100, true),
                new Case(60, 1000, 40, true), new Case(100, 10, 0, true), new Case(1000, 10, 0, true),
                new Case(100, 0, 0, true), new Case(0, 0, 0, false), new Case(Long.MAX_VALUE, 10, 0, true)}) {
            ByteBuffer dst = ByteBuffer.allocate(c.count());
            ReadResult r = fs.read(f, c.offset(), c.count(), dst);
            assertEquals(c.expectCount(), r.count(), () -> "count of " + c);
            assertEquals(c.expectEof(), r.eof(), () -> "eof of " + c);
            assertEquals(100, r.attributes().size());
            byte[] expected = Arrays.copyOfRange(pattern(10, 100), (int) Math.min(c.offset(), 100),
                    (int) Math.min(c.offset() + c.expectCount(), 100));
            assertBytes(expected, Arrays.copyOf(dst.array(), r.count()), "data of " + c);
        }
    }

    @Test
    void readOfAnEmptyFileIsEof() throws Exception {
        FileHandle f = file(root, "f");
        ReadResult r = fs.read(f, 0, 10, ByteBuffer.allocate(10));
        assertEquals(0, r.count());
        assertTrue(r.eof());
    }

    @Test
    void readWritesOnlyCountBytesAtTheBufferPosition() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, pattern(11, 10));
        ByteBuffer dst = ByteBuffer.allocate(40);
        Arrays.fill(dst.array(), (byte) 0x55);
        dst.position(7);
        ReadResult r = fs.read(f, 4, 20, dst);
        assertEquals(6, r.count());
        assertEquals(13, dst.position());
        for (int i = 0; i < 40; i++) {
            if (i < 7 || i >= 13) {
                assertEquals(0x55, dst.get(i), "byte " + i + " of the buffer must be untouched");
            }
        }
    }

    @Test
    void readAndWriteOfADirectoryIsIsdirAndOfOtherTypesInval() throws Exception {
        FileHandle d = dir(root, "d");
        FileHandle l = symlink(root, "l", "target");
        ByteBuffer one = ByteBuffer.allocate(1);
        assertNfsError(NfsStatus.ISDIR, () -> fs.read(d, 0, 1, one));
        assertNfsError(NfsStatus.ISDIR, () -> fs.write(d, 0, ByteBuffer.wrap(new byte[1]), StableHow.FILE_SYNC));
        assertNfsError(NfsStatus.INVAL, () -> fs.read(l, 0, 1, one));
        assertNfsError(NfsStatus.INVAL, () -> fs.write(l, 0, ByteBuffer.wrap(new byte[1]), StableHow.FILE_SYNC));
        assertArrayEquals("target".getBytes(), fs.readlink(l));
    }

    @Test
    void writeReturnsCompleteWccAndExtendsTheSize() throws Exception {
        FileHandle f = file(root, "f");
        FileAttributes before = attrs(f);
        WriteResult r = fs.write(f, 10, ByteBuffer.wrap(pattern(12, 90)), StableHow.FILE_SYNC);
        assertEquals(90, r.count());
        assertEquals(StableHow.FILE_SYNC, r.committed(), "FILE_SYNC must be reached when asked for");
        assertWcc(r.file(), before, f);
        assertEquals(100, r.file().after().size());
        byte[] expected = new byte[100];
        System.arraycopy(pattern(12, 90), 0, expected, 10, 90);
        assertArrayEquals(expected, readAll(f), "the gap before the first write reads as zeros");
    }

    @Test
    void stabilityReachedIsAtLeastTheStabilityAsked() throws Exception {
        FileHandle f = file(root, "f");
        for (StableHow asked : StableHow.values()) {
            WriteResult r = fs.write(f, 0, ByteBuffer.wrap(new byte[] {1, 2}), asked);
            assertTrue(r.committed().compareTo(asked) >= 0, "asked " + asked + " got " + r.committed());
        }
    }

    @Test
    void writeFromSeveralBuffersOfEveryKindWritesThemInOrder() throws Exception {
        FileHandle f = file(root, "f");
        byte[] all = pattern(13, 3 * 7000);
        ByteBuffer heap = ByteBuffer.wrap(all, 0, 7000).slice();
        ByteBuffer direct = ByteBuffer.allocateDirect(7100);
        direct.position(100);
        direct.put(all, 7000, 7000);
        direct.position(100);
        byte[] padded = new byte[7050];
        System.arraycopy(all, 14000, padded, 50, 7000);
        ByteBuffer readOnly = ByteBuffer.wrap(padded, 50, 7000).asReadOnlyBuffer();
        WriteResult r = fs.write(f, 333, new ByteBuffer[] {heap, direct, ByteBuffer.allocate(0), readOnly}, StableHow.UNSTABLE);
        assertEquals(all.length, r.count());
        assertArrayEquals(all, read(f, 333, all.length));
    }

    @Test
    void sparseFilesReadHolesAsZeros() throws Exception {
        FileHandle f = file(root, "f");
        long far = 3L * 1024 * 1024 + 7;
        write(f, far, new byte[] {9, 8, 7});
        assertEquals(far + 3, attrs(f).size());
        byte[] hole = read(f, 1024 * 1024 - 5, MAX_IO);
        assertEquals(MAX_IO, hole.length);
        assertArrayEquals(new byte[MAX_IO], hole);
        byte[] edge = read(f, far - 2, 10);
        assertArrayEquals(new byte[] {0, 0, 9, 8, 7}, edge);
        assertTrue(fs.read(f, far - 2, 5, ByteBuffer.allocate(5)).eof());
    }

    @Test
    void truncateIntoABlockThenExtendReadsTheOldTailAsZeros() throws Exception {
        int size = 300_000;
        for (int cut : new int[] {0, 1, 511, 4095, 4097, 65_535, 65_537, 131_072, 200_001}) {
            FileHandle f = file(root, "f" + cut);
            byte[] data = pattern(cut, size);
            write(f, 0, data);
            fs.setattr(f, SetAttributes.ofSize(cut), null);
            assertEquals(cut, attrs(f).size());
            fs.setattr(f, SetAttributes.ofSize(size), null);
            byte[] expected = new byte[size];
            System.arraycopy(data, 0, expected, 0, cut);
            assertBytes(expected, readAll(f), "file cut at " + cut + " then extended by setattr");
            fs.setattr(f, SetAttributes.ofSize(cut), null);
            write(f, size - 1, new byte[] {42});
            expected[size - 1] = 42;
            assertBytes(expected, readAll(f), "file cut at " + cut + " then extended by a write");
        }
    }

    @Test
    void truncateToZeroAndRewrite() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, pattern(14, 100_000));
        fs.setattr(f, SetAttributes.ofSize(0), null);
        assertEquals(0, readAll(f).length);
        write(f, 50, new byte[] {1});
        byte[] expected = new byte[51];
        expected[50] = 1;
        assertArrayEquals(expected, readAll(f));
    }

    @Test
    void largeUnalignedWritesAcrossManyBlocksReadBackExactly() throws Exception {
        FileHandle f = file(root, "big");
        Random random = new Random(20_240_601);
        int length = 6 * 1024 * 1024 + 12_345;
        byte[] model = new byte[length];
        random.nextBytes(model);
        int offset = 0;
        while (offset < length) {
            int n = Math.min(length - offset, 1 + random.nextInt(MAX_IO));
            WriteResult r = fs.write(f, offset, ByteBuffer.wrap(model, offset, n), StableHow.UNSTABLE);
            assertEquals(n, r.count());
            offset += n;
        }
        fs.commit(f, 0, 0);
        assertEquals(length, attrs(f).size());
        offset = 0;
        while (offset < length) {
            int n = 1 + random.nextInt(300_000);
            byte[] got = read(f, offset, n);
            int expectedCount = Math.min(n, length - offset);
            assertEquals(expectedCount, got.length);
            assertBytes(Arrays.copyOfRange(model, offset, offset + expectedCount), got, "read at " + offset);
            offset += expectedCount;
        }
    }

    @Test
    void randomWritesTruncatesAndReadsMatchAModel() throws Exception {
        FileHandle f = file(root, "f");
        Random random = new Random(77);
        byte[] model = new byte[2 * 1024 * 1024];
        int size = 0;
        for (int op = 0; op < 300; op++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                int offset = random.nextInt(model.length - 200_000);
                int n = random.nextInt(200_000);
                byte[] data = pattern(op, n);
                ByteBuffer src = random.nextBoolean() ? ByteBuffer.wrap(data) : ByteBuffer.allocateDirect(n).put(data).flip();
                fs.write(f, offset, src, StableHow.values()[random.nextInt(3)]);
                System.arraycopy(data, 0, model, offset, n);
                size = Math.max(size, offset + n);
            } else if (kind < 8) {
                int newSize = random.nextInt(model.length);
                fs.setattr(f, SetAttributes.ofSize(newSize), null);
                if (newSize < size) {
                    Arrays.fill(model, newSize, size, (byte) 0);
                }
                size = newSize;
            } else {
                int offset = random.nextInt(model.length);
                int n = random.nextInt(100_000);
                byte[] got = read(f, offset, n);
                int expected = Math.max(0, Math.min(n, size - offset));
                assertEquals(expected, got.length, "read count at op " + op);
                assertBytes(Arrays.copyOfRange(model, offset, offset + expected), got, "read at op " + op);
            }
            assertEquals(size, attrs(f).size(), "size after op " + op);
        }
        assertBytes(Arrays.copyOf(model, size), readAll(f), "whole file after the random ops");
    }

    @Test
    void writeOfZeroBytesChangesNothing() throws Exception {
        FileHandle f = file(root, "f");
        write(f, 0, new byte[] {1});
        FileAttributes before = attrs(f);
        WriteResult r = fs.write(f, 500, ByteBuffer.allocate(0), StableHow.FILE_SYNC);
        assertEquals(0, r.count());
        assertEquals(1, attrs(f).size(), "an empty write does not extend the file");
        assertEquals(before.size(), attrs(f).size());
    }

    @Test
    void writesAndSizesPastTheMaximumFileSizeAreFbig() throws Exception {
        long max = fs.fsinfo(root).maxFileSize();
        FileHandle f = file(root, "f");
        write(f, 0, new byte[] {1, 2, 3});
        FileAttributes before = attrs(f);
        assertNfsError(NfsStatus.FBIG, () -> fs.write(f, max, ByteBuffer.wrap(new byte[1]), StableHow.FILE_SYNC));
        assertNfsError(NfsStatus.FBIG, () -> fs.write(f, max - 1, ByteBuffer.wrap(new byte[2]), StableHow.FILE_SYNC));
        assertNfsError(NfsStatus.FBIG, () -> fs.write(f, Long.MIN_VALUE, ByteBuffer.wrap(new byte[1]), StableHow.FILE_SYNC));
        assertNfsError(NfsStatus.FBIG, () -> fs.write(f, -1, ByteBuffer.wrap(new byte[1]), StableHow.FILE_SYNC));
        if (max < Long.MAX_VALUE) {
            assertNfsError(NfsStatus.FBIG, () -> fs.setattr(f, SetAttributes.ofSize(max + 1), null));
        }
        assertEquals(before.size(), attrs(f).size());
        assertArrayEquals(new byte[] {1, 2, 3}, readAll(f));
        write(f, max - 1, new byte[] {7});
        assertEquals(max, attrs(f).size(), "a file may reach exactly the maximum size");
        ReadResult last = fs.read(f, max - 1, 10, ByteBuffer.allocate(10));
        assertEquals(1, last.count());
        assertTrue(last.eof());
        fs.setattr(f, SetAttributes.ofSize(3), null);
        assertArrayEquals(new byte[] {1, 2, 3}, readAll(f));
    }

    @Test
    void unstableWritesAreReadableAtOnceAndCommitReturnsWcc() throws Exception {
        FileHandle f = file(root, "f");
        byte[] data = pattern(15, 200_000);
        fs.write(f, 0, ByteBuffer.wrap(data), StableHow.UNSTABLE);
        assertArrayEquals(data, readAll(f), "UNSTABLE data is visible before COMMIT");
        WccData whole = fs.commit(f, 0, 0);
        assertEquals(attrs(f), whole.after());
        WccData range = fs.commit(f, 1000, 5000);
        assertEquals(attrs(f), range.after());
        fs.commit(f, 10_000_000, 10);
        assertArrayEquals(data, readAll(f));
    }

    @Test
    void writeVerifierIsConstantWithinAnInstanceAndDiffersBetweenInstances() throws Exception {
        long v = fs.writeVerifier();
        FileHandle f = file(root, "f");
        write(f, 0, new byte[] {1});
        fs.commit(f, 0, 0);
        assertEquals(v, fs.writeVerifier(), "the write verifier must not change while the store runs");
        FileSystemBackend other = track(openBackend(new TestClock()));
        assertFalse(other.writeVerifier() == v, "every start needs a new write verifier (RFC 1813 section 3.3.7)");
    }

    @Test
    void largeWriteOfOneMebibyteLandsAtAnUnalignedOffset() throws Exception {
        FileHandle f = file(root, "f");
        byte[] data = pattern(16, MAX_IO);
        ByteBuffer src = ByteBuffer.allocateDirect(MAX_IO).put(data).flip();
        fs.write(f, 4097, src, StableHow.DATA_SYNC);
        byte[] got = read(f, 4097, MAX_IO);
        assertBytes(data, got, "1 MiB written at 4097");
        assertArrayEquals(new byte[4097], read(f, 0, 4097));
    }
}
