package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device-DAX sizing from a fake sysfs tree (real device-DAX hardware is not available to tests). */
class DaxSysfsTest {

    private Path sys;

    @BeforeEach
    void setUp() throws IOException {
        sys = TestDirs.create();
    }

    @AfterEach
    void tearDown() throws IOException {
        TestDirs.delete(sys);
    }

    @Test
    void sizeAndAlignFromBusDaxDevices() throws IOException {
        Path d = Files.createDirectories(sys.resolve("bus/dax/devices/dax0.0"));
        Files.writeString(d.resolve("size"), "4294967296\n");
        Files.writeString(d.resolve("align"), "2097152\n");
        DaxSysfs s = new DaxSysfs(sys);
        assertEquals(4L << 30, s.size(Path.of("/dev/dax0.0")));
        assertEquals(2L << 20, s.align(Path.of("/dev/dax0.0")));
    }

    @Test
    void classDaxFallbackAndDefaultAlign() throws IOException {
        Path d = Files.createDirectories(sys.resolve("class/dax/dax1.2"));
        Files.writeString(d.resolve("size"), "0x40000000");
        DaxSysfs s = new DaxSysfs(sys);
        assertEquals(1L << 30, s.size(Path.of("/dev/dax1.2")));
        assertEquals(DaxSysfs.DEFAULT_ALIGN, s.align(Path.of("/dev/dax1.2")));
    }

    @Test
    void missingSizeNamesWhatWasTried() {
        PoolException e = assertThrows(PoolException.class, () -> new DaxSysfs(sys).size(Path.of("/dev/dax9.9")));
        assertEquals(PoolException.Reason.UNSUPPORTED_DEVICE, e.reason());
        assertTrue(e.getMessage().contains("bus/dax/devices/dax9.9/size"), e.getMessage());
    }

    @Test
    void recognisesDeviceDaxNames() {
        assertTrue(DaxSysfs.looksLikeDeviceDax(Path.of("/dev/dax0.0")));
        assertTrue(DaxSysfs.looksLikeDeviceDax(Path.of("/dev/dax12.3")));
        assertFalse(DaxSysfs.looksLikeDeviceDax(Path.of("/dev/pmem0")));
        assertFalse(DaxSysfs.looksLikeDeviceDax(Path.of("/mnt/pmem/dax0.0.pool")));
    }
}
