package org.pmnfs.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Defaults and validation of {@link MemoryBackendConfig}. */
class MemoryBackendConfigTest {

    @Test
    void defaultsAreHalfTheHeapAnd64KiBBlocks() {
        MemoryBackendConfig d = MemoryBackendConfig.defaults();
        assertEquals(MemoryBackendConfig.DEFAULT_BLOCK_SIZE, d.blockSize());
        assertEquals(65536, d.blockSize());
        assertEquals(MemoryBackendConfig.defaultCapacity(Runtime.getRuntime().maxMemory()), d.capacityBytes());
        assertEquals(512L << 20, MemoryBackendConfig.defaultCapacity(1L << 30));
        assertEquals(MemoryBackendConfig.MIN_CAPACITY_BYTES, MemoryBackendConfig.defaultCapacity(1000));
        assertEquals(Long.MAX_VALUE / 2, MemoryBackendConfig.defaultCapacity(Long.MAX_VALUE), "no heap limit: no overflow");
    }

    @Test
    void withersKeepTheOtherField() {
        MemoryBackendConfig c = MemoryBackendConfig.defaults().withCapacityBytes(1 << 20).withBlockSize(4096);
        assertEquals(new MemoryBackendConfig(1 << 20, 4096), c);
    }

    @Test
    void refusesBadValuesNamingTheFieldAndLimit() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> new MemoryBackendConfig(1000, 4096));
        assertTrue(small.getMessage().contains("capacityBytes") && small.getMessage().contains("65536"), small.getMessage());
        for (int bad : new int[] {0, 32, 100, 1 << 25}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MemoryBackendConfig(1 << 20, bad));
            assertTrue(e.getMessage().contains("blockSize"), e.getMessage());
        }
    }
}
