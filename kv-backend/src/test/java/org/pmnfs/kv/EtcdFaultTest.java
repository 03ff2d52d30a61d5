package org.pmnfs.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.vfs.CreateMode;
import org.pmnfs.vfs.FileHandle;
import org.pmnfs.vfs.FileName;
import org.pmnfs.vfs.JukeboxException;
import org.pmnfs.vfs.SetAttributes;
import org.pmnfs.vfs.StableHow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Member failures of a real 3-member etcd cluster under the kv backend: one member SIGKILLed in
 * the middle of a verified write workload costs no committed byte and no error other than
 * JUKEBOX (which NFS clients retry, as this test does); two members killed make calls answer
 * JUKEBOX (never wrong data, never a crash) until quorum returns, and then service resumes.
 * Each test starts its own cluster. {@code -Dpmnfs.etcd.soak=true} runs the workload longer.
 */
class EtcdFaultTest {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdFaultTest.class);
    /** Files written before, during and after the kill. */
    private static final int FILES = Boolean.getBoolean("pmnfs.etcd.soak") ? 600 : 60;

    private EtcdCluster cluster;
    private KvBackend fs;

    @BeforeEach
    void start() throws IOException {
        cluster = EtcdCluster.start(3);
        fs = KvBackend.open(KvConfig.defaults(cluster.settings("fault").withTimeout(Duration.ofSeconds(3))));
    }

    @AfterEach
    void stop() throws IOException {
        try {
            if (fs != null) {
                fs.close();
            }
        } finally {
            cluster.close();
        }
    }

    /** An NFS client's view: JUKEBOX means wait and send again; anything else is an error. */
    private <T> T asClient(ConflictRetry.Call<T> call, List<Long> latencies, int[] jukeboxes) throws IOException {
        long t0 = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            try {
                T r = call.run();
                latencies.add(System.nanoTime() - t0);
                return r;
            } catch (JukeboxException e) {
                jukeboxes[0]++;
                if (attempt > 60) {
                    throw e;
                }
                sleep(250);
            }
        }
    }

    @Test
    void oneMemberKilledDuringAVerifiedWriteWorkloadLosesNoCommittedByte() throws Exception {
        Map<String, byte[]> committed = new LinkedHashMap<>();
        List<Long> latencies = new ArrayList<>();
        int[] jukeboxes = {0};
        AtomicBoolean killed = new AtomicBoolean();
        int killAt = FILES / 3;
        long killedAtNanos = 0;
        for (int i = 0; i < FILES; i++) {
            if (i == killAt) {
                killedAtNanos = System.nanoTime();
                cluster.kill(i % 3); // SIGKILL, in the middle of the workload
                killed.set(true);
            }
            String name = "f" + i;
            byte[] data = EtcdMultiServerTest.bytes(4096 + (i * 7919) % 300_000, i);
            FileHandle f = asClient(() -> fs.create(fs.root(), FileName.of(name), CreateMode.UNCHECKED,
                    SetAttributes.ofMode(0644), 0).handle(), latencies, jukeboxes);
            StableHow how = i % 2 == 0 ? StableHow.FILE_SYNC : StableHow.UNSTABLE;
            asClient(() -> EtcdMultiServerTest.write(fs, f, 0, data, how), latencies, jukeboxes);
            if (how == StableHow.UNSTABLE) {
                asClient(() -> fs.commit(f, 0, 0), latencies, jukeboxes);
            }
            committed.put(name, data);
        }
        long worst = latencies.stream().mapToLong(Long::longValue).max().orElse(0);
        LOG.info("one member killed after {} files: {} JUKEBOX answers, slowest call {} ms, {} calls", killAt,
                jukeboxes[0], worst / 1_000_000, latencies.size());
        assertTrue(killed.get());
        // Every committed byte reads back, through this server and through a fresh one.
        KvBackend fresh = KvBackend.open(fs.config().withCreateIfMissing(false));
        try {
            for (Map.Entry<String, byte[]> e : committed.entrySet()) {
                for (KvBackend s : List.of(fs, fresh)) {
                    FileHandle f = s.lookup(s.root(), FileName.of(e.getKey())).handle();
                    assertArrayEquals(e.getValue(), EtcdMultiServerTest.read(s, f, e.getValue().length + 10), e.getKey());
                }
            }
        } finally {
            fresh.close();
        }
        KvStoreChecker.Report r = KvStoreChecker.check(fs.config());
        assertTrue(r.consistent(), () -> String.join("\n", r.problems()));
        assertEquals(FILES + 1, r.inodes());
    }

    @Test
    void twoMembersKilledGiveJukeboxUntilQuorumReturnsThenServiceResumes() throws Exception {
        FileHandle f = fs.create(fs.root(), FileName.of("kept"), CreateMode.GUARDED, SetAttributes.ofMode(0644), 0).handle();
        byte[] data = EtcdMultiServerTest.bytes(200_000, 7);
        EtcdMultiServerTest.write(fs, f, 0, data, StableHow.FILE_SYNC);
        cluster.kill(1);
        cluster.kill(2);
        // No quorum: reads (linearizable) and writes answer JUKEBOX within the timeout; nothing crashes.
        assertThrows(JukeboxException.class, () -> fs.getattr(f));
        assertThrows(JukeboxException.class, () -> EtcdMultiServerTest.write(fs, f, 0, new byte[4096], StableHow.FILE_SYNC));
        assertThrows(JukeboxException.class, () -> fs.create(fs.root(), FileName.of("new"), CreateMode.GUARDED,
                SetAttributes.ofMode(0644), 0));
        cluster.restart(1);
        cluster.restart(2);
        cluster.awaitHealthy(1);
        cluster.awaitHealthy(2);
        List<Long> latencies = new ArrayList<>();
        int[] jukeboxes = {0};
        // Service resumes: the old data is intact, the refused write did not happen, new work succeeds.
        assertArrayEquals(data, asClient(() -> EtcdMultiServerTest.read(fs, f, 300_000), latencies, jukeboxes));
        FileHandle g = asClient(() -> fs.create(fs.root(), FileName.of("after"), CreateMode.UNCHECKED,
                SetAttributes.ofMode(0644), 0).handle(), latencies, jukeboxes);
        asClient(() -> EtcdMultiServerTest.write(fs, g, 0, data, StableHow.FILE_SYNC), latencies, jukeboxes);
        assertArrayEquals(data, EtcdMultiServerTest.read(fs, g, 300_000));
        KvStoreChecker.Report r = KvStoreChecker.check(fs.config());
        assertTrue(r.consistent(), () -> String.join("\n", r.problems()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
