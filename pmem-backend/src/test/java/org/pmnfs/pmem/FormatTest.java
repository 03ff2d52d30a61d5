package org.pmnfs.pmem;

import static org.junit.jupiter.api.Assertions.*;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pmnfs.pmem.layout.Geometry;
import org.pmnfs.pmem.layout.SuperBlock;

/** What mkfs writes, and that a power loss during mkfs never leaves a mountable half-made pool. */
class FormatTest {

    @Test
    void freshPoolIsCleanAndChecksClean() throws Exception {
        SimDevice d = SimPools.formatted(8 << 20);
        SuperBlock sb = Mount.readSuperBlock(d);
        assertTrue(sb.isClean());
        assertEquals(Geometry.forBlocks(2048), sb.geometry());
        assertEquals(new UUID(0x1234, 0x5678), sb.uuid());
        assertEquals(sb.geometry().dataBlocks() - 1, sb.snapFreeBlocks(), "only the first itable block is used");
        FsckReport r = Fsck.check(d, false, FsckProgress.NONE);
        assertTrue(r.clean(), r.summary());
        assertEquals(1, r.liveInodes());
        assertEquals(1, r.usedBlocks());
    }

    @Test
    void powerLossDuringMkfsLeavesNoSuperBlock() throws Exception {
        for (SimDevice.Drop drop : SimDevice.Drop.values()) {
            SimDevice d = new SimDevice("mkfs", 8 << 20);
            d.crashAtFence(1, drop, 5);
            assertThrows(SimDevice.PowerLoss.class,
                    () -> PmemFormatter.formatDevice(d, 2048, UUID.randomUUID(), 1, 0, 0));
            SimDevice after = SimDevice.fromImage("after", d.crashImage());
            PoolException e = assertThrows(PoolException.class, () -> Mount.readSuperBlock(after), drop.toString());
            assertEquals(PoolException.Reason.BAD_MAGIC, e.reason(), "the magic is stored last: " + drop);
        }
        SimDevice d = new SimDevice("mkfs", 8 << 20);
        d.crashAtFence(2, SimDevice.Drop.ALL, 5);
        assertThrows(SimDevice.PowerLoss.class, () -> PmemFormatter.formatDevice(d, 2048, UUID.randomUUID(), 1, 0, 0));
        assertThrows(PoolException.class, () -> Mount.readSuperBlock(SimDevice.fromImage("after", d.crashImage())),
                "the magic's own persist did not complete");
    }
}
