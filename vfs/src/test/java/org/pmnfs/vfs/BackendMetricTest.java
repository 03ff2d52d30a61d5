package org.pmnfs.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendMetricTest {

    @Test
    void aGaugeAndACounterReadTheirValueWhenAsked() {
        long[] level = {7};
        BackendMetric gauge = BackendMetric.gauge("pool_blocks_free", "Free blocks.", () -> level[0]);
        BackendMetric counter = BackendMetric.counter("journal_commits_total", "Commits.", () -> 3);
        level[0] = 9;
        assertEquals(9, gauge.value().getAsLong());
        assertEquals(BackendMetric.Kind.COUNTER, counter.kind());
    }

    @Test
    void namesAreLowerCaseWordsAndOnlyCountersEndInTotal() {
        IllegalArgumentException upper = assertThrows(IllegalArgumentException.class,
                () -> BackendMetric.gauge("Pool_Free", "x", () -> 0));
        assertTrue(upper.getMessage().contains("Pool_Free"), upper.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BackendMetric.gauge("pool-free", "x", () -> 0));
        assertThrows(IllegalArgumentException.class, () -> BackendMetric.gauge("pool__free", "x", () -> 0));
        assertThrows(IllegalArgumentException.class, () -> BackendMetric.counter("commits", "x", () -> 0));
        assertThrows(IllegalArgumentException.class, () -> BackendMetric.gauge("commits_total", "x", () -> 0));
        assertThrows(IllegalArgumentException.class, () -> BackendMetric.gauge("free", " ", () -> 0));
    }
}
