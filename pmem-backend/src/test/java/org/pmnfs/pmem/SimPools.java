package org.pmnfs.pmem;

import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import org.pmnfs.pmem.layout.OnMedia;
import org.pmnfs.vfs.NanoClock;

/** Formats and mounts pools on {@link SimDevice}s for tests. */
final class SimPools {

    private SimPools() {}

    /** A freshly formatted simulated pool of {@code bytes} bytes, with everything durable. */
    static SimDevice formatted(long bytes) {
        SimDevice d = new SimDevice("sim", bytes);
        PmemFormatter.formatDevice(d, bytes / OnMedia.BLOCK_SIZE, new UUID(0x1234, 0x5678), 1_000_000_000L, 0, 0);
        d.flush(0, bytes);
        d.fence();
        return d;
    }

    static PmemFs mountFs(PmemDevice d) throws IOException {
        return Mount.mount(d, Mount.readSuperBlock(d), new NanoClock(Clock.systemUTC()), null);
    }

    static PmemBackend mount(PmemDevice d) throws IOException {
        return PmemBackend.mount(mountFs(d));
    }
}
