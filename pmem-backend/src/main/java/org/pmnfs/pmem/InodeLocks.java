package org.pmnfs.pmem;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Per-inode read-write locks, striped: inode numbers hash onto a fixed array of locks, so the
 * locks never need creating or retiring as inodes come and go. An operation that needs several
 * inodes locks all their stripes at once in ascending stripe order, and never takes another
 * inode lock while holding some; that order makes deadlock impossible. The lock order across
 * subsystems is: rename lock, inode stripes, itable growth lock, journal lane.
 */
final class InodeLocks {

    /** Stripes: enough that unrelated inodes rarely share one. */
    static final int STRIPES = 1024;

    private final ReentrantReadWriteLock[] stripes = new ReentrantReadWriteLock[STRIPES];

    InodeLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantReadWriteLock();
        }
    }

    static int stripe(long ino) {
        return (int) ((ino * 0x9E3779B97F4A7C15L) >>> (64 - 10));
    }

    /** A set of held locks; closing releases them. */
    static final class Held implements AutoCloseable {
        private final Lock[] locks;
        private final long[] inos;

        private Held(Lock[] locks, long[] inos) {
            this.locks = locks;
            this.inos = inos;
        }

        /** True when {@code ino}'s stripe is among those held. */
        boolean covers(long ino) {
            int s = stripe(ino);
            for (long i : inos) {
                if (stripe(i) == s) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            for (int i = locks.length - 1; i >= 0; i--) {
                locks[i].unlock();
            }
        }
    }

    Held read(long ino) {
        Lock l = stripes[stripe(ino)].readLock();
        l.lock();
        return new Held(new Lock[] {l}, new long[] {ino});
    }

    Held write(long ino) {
        Lock l = stripes[stripe(ino)].writeLock();
        l.lock();
        return new Held(new Lock[] {l}, new long[] {ino});
    }

    /** Write-locks the stripes of every non-zero ino in {@code inos}, in ascending stripe order. */
    Held writeAll(long... inos) {
        return lockAll(true, inos);
    }

    /** Read-locks the stripes of every non-zero ino in {@code inos}, in ascending stripe order. */
    Held readAll(long... inos) {
        return lockAll(false, inos);
    }

    private Held lockAll(boolean write, long... inos) {
        // Distinct stripes in ascending order; operations lock at most four inodes, so an
        // insertion sort without allocation beats Arrays.sort.
        int[] s = new int[inos.length];
        int n = 0;
        for (long ino : inos) {
            if (ino == 0) {
                continue;
            }
            int v = stripe(ino);
            int i = n;
            while (i > 0 && s[i - 1] > v) {
                s[i] = s[i - 1];
                i--;
            }
            if (i > 0 && s[i - 1] == v) {
                System.arraycopy(s, i + 1, s, i, n - i);
                continue;
            }
            s[i] = v;
            n++;
        }
        Lock[] locks = new Lock[n];
        for (int i = 0; i < n; i++) {
            locks[i] = write ? stripes[s[i]].writeLock() : stripes[s[i]].readLock();
            locks[i].lock();
        }
        return new Held(locks, inos);
    }

    /**
     * Read-locks {@code ino}'s stripe if that is possible at once, while the caller holds other
     * locks out of order: never waiting is what keeps this free of deadlock. Null when it would wait.
     */
    Lock tryRead(long ino) {
        Lock l = stripes[stripe(ino)].readLock();
        return l.tryLock() ? l : null;
    }
}
