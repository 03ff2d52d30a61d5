package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chunked mappings: every access path across chunk boundaries, and what reaches the file. */
class MappedDeviceTest {

    private Path dir;
    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        dir = TestDirs.create();
        file = dir.resolve("dev");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), (1 << 20) - 1);
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        TestDirs.delete(dir);
    }

    @Test
    void smallChunksBehaveLikeOneMapping() throws IOException {
        try (PoolFile pf = PoolFile.open(file, PoolFile.Access.EXCLUSIVE, DaxSysfs.system());
             MappedDevice d = MappedDevice.map(pf, 1 << 20, 16)) {
            assertEquals(1 << 20, d.size());
            assertNotEquals(MappingMode.VOLATILE, d.mappingMode());
            d.putLong(65536 - 8, 0x1122334455667788L);
            d.putInt(65536, 0xcafebabe);
            d.putShort(65540, (short) 0x1234);
            d.putByte(65542, (byte) 7);
            assertEquals(0x1122334455667788L, d.getLong(65536 - 8));
            assertEquals(0xcafebabe, d.getInt(65536));
            assertEquals(0x1234, d.getShort(65540));
            assertEquals(7, d.getByte(65542));
            byte[] pattern = new byte[3 * 65536];
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = (byte) (i * 31 + 7);
            }
            d.write(100_000, MemorySegment.ofArray(pattern), 0, pattern.length);
            byte[] back = new byte[pattern.length];
            d.read(100_000, MemorySegment.ofArray(back), 0, back.length);
            assertArrayEquals(pattern, back);
            d.fill(131_000, 2000, (byte) 0);
            assertEquals(0, d.getByte(131_072));
            assertEquals(0, d.getByte(132_999));
            FlushSet fs = new FlushSet();
            fs.add(100_000, 10);
            fs.add(900_000, 10);
            fs.add(65530, 20);
            d.flush(fs);
            d.fence();
            d.persist(0, 1 << 20);
        }
        byte[] disk = Files.readAllBytes(file);
        assertEquals((byte) 0xbe, disk[65536], "little-endian int at a chunk start");
        assertEquals((byte) 0xca, disk[65539]);
        assertEquals((byte) 0x88, disk[65536 - 8]);
        for (int i : new int[] {0, 30_999, 33_001, 3 * 65536 - 1}) {
            assertEquals((byte) (i * 31 + 7), disk[100_000 + i], "pattern byte " + i);
        }
        assertEquals(0, disk[131_500]);
    }
}
