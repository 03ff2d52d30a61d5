package org.pmnfs.server.nlm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.pmnfs.vfs.FileHandle;

/**
 * The server's lock state, in memory: per file its byte-range locks ({@link FileLocks}), share
 * reservations ({@link FileShares}) and the blocked requests waiting for them, plus the grants not
 * yet confirmed by their client. Every call is memory work under one monitor and returns at once:
 * a blocking request that cannot be granted is queued (BLOCKED), never waited for. When a lock is
 * released, queued requests that now fit are granted in arrival order and handed to the
 * {@link Listener} (which sends the GRANTED callbacks) after the monitor is left.
 *
 * <p>The grace period ({@link Grace}) admits only reclaims. A file's state goes when its last
 * lock, share and waiter go. The whole table holds at most {@link #MAX_ENTRIES} locks, shares and
 * waiters together; past that new requests get DENIED_NOLOCKS.
 */
public final class LockManager {

    /** Told of requests granted after they were queued; called outside the manager's monitor. */
    public interface Listener {
        void granted(Grant grant);
    }

    /** What a request got; {@code holder} is the conflicting lock for TEST's DENIED, else null. */
    public record Result(NlmStatus status, HeldLock holder) {
        static final Result GRANTED = new Result(NlmStatus.GRANTED, null);
        static final Result BLOCKED = new Result(NlmStatus.BLOCKED, null);
        static final Result GRACE = new Result(NlmStatus.DENIED_GRACE_PERIOD, null);
        static final Result NOLOCKS = new Result(NlmStatus.DENIED_NOLOCKS, null);

        static Result denied(HeldLock holder) {
            return new Result(NlmStatus.DENIED, holder);
        }
    }

    /** A queued blocking request, and since when it waits (nanoClock). */
    public record Waiter(Grant request, long sinceNanos) {}

    /** One line of {@link #snapshot()}: a file and what is held or awaited on it. */
    public record FileEntry(FileHandle file, List<HeldLock> locks, List<HeldShare> shares, List<Waiter> waiters,
                            List<Grant> unconfirmed) {}

    /**
     * Locks, shares and waiters the table holds at most (each costs at most a few KiB with a
     * 1 KiB owner handle and caller name): a bound on what misbehaving clients can make us keep.
     */
    public static final int MAX_ENTRIES = 65_536;

    private static final class FileState {
        final FileLocks locks = new FileLocks();
        final FileShares shares = new FileShares();
        final List<Waiter> waiters = new ArrayList<>();

        int entries() {
            return locks.size() + shares.size() + waiters.size();
        }

        boolean isEmpty() {
            return locks.isEmpty() && shares.isEmpty() && waiters.isEmpty();
        }
    }

    private final Grace grace;
    private final Listener listener;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    /** Guarded by this. */
    private final Map<FileHandle, FileState> files = new HashMap<>();
    /** Granted after waiting, not yet confirmed by the client. Guarded by this. */
    private final List<Grant> unconfirmed = new ArrayList<>();
    /** Locks, shares and waiters in {@link #files}. Guarded by this. */
    private int entries;

    public LockManager(Grace grace, Listener listener, LongSupplier nanoClock) {
        this(grace, listener, nanoClock, MAX_ENTRIES);
    }

    LockManager(Grace grace, Listener listener, LongSupplier nanoClock, int maxEntries) {
        this.maxEntries = maxEntries;
        this.grace = Objects.requireNonNull(grace, "grace");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.nanoClock = nanoClock;
    }

    public Grace grace() {
        return grace;
    }

    /** TEST: would this lock be granted? DENIED carries the lock in the way. */
    public synchronized Result test(FileHandle file, LockOwner owner, LockRange range, boolean exclusive) {
        if (grace.active()) {
            return Result.GRACE;
        }
        FileState f = files.get(file);
        HeldLock c = f == null ? null : f.locks.conflict(owner, range, exclusive);
        return c == null ? Result.GRANTED : Result.denied(c);
    }

    /**
     * LOCK (and NM_LOCK with {@code block} false). A reclaim is granted only in the grace period
     * and any other request only outside it (as Linux lockd does: a reclaim after the grace period
     * could take back a lock someone else has held since). A request matching a grant its client
     * has not confirmed yet confirms it.
     */
    public Result lock(Grant request, boolean block, boolean reclaim) {
        List<Grant> granted = List.of();
        Result result;
        synchronized (this) {
            if (grace.active() != reclaim) {
                return Result.GRACE;
            }
            if (unconfirmed.removeIf(g -> g.sameRequest(request))) {
                return Result.GRANTED;
            }
            FileState f = files.computeIfAbsent(request.file(), k -> new FileState());
            if (entries >= maxEntries) {
                dropIfEmpty(request.file(), f);
                return Result.NOLOCKS;
            }
            int before = f.entries();
            HeldLock c = f.locks.lock(request.owner(), request.range(), request.exclusive());
            if (c == null) {
                // A retry of a queued request (the client polls) is granted: it waits no more.
                f.waiters.removeIf(w -> w.request().sameRequest(request));
                result = Result.GRANTED;
                // An owner that turns an exclusive lock into a shared one may let queued readers in.
                if (!request.exclusive() && !f.waiters.isEmpty()) {
                    granted = regrant(f);
                }
            } else if (block) {
                f.waiters.removeIf(w -> w.request().sameRequest(request));
                f.waiters.add(new Waiter(request, nanoClock.getAsLong()));
                result = Result.BLOCKED;
            } else {
                result = Result.denied(c);
            }
            entries += f.entries() - before;
            dropIfEmpty(request.file(), f);
        }
        notifyGranted(granted);
        return result;
    }

    /**
     * CANCEL: withdraws a blocked request. If it was granted but not confirmed yet, the client
     * gave up on it: the lock is given back (and may go to the next waiter).
     */
    public Result cancel(Grant request) {
        List<Grant> granted = List.of();
        synchronized (this) {
            FileState f = files.get(request.file());
            if (f != null) {
                int before = f.entries();
                f.waiters.removeIf(w -> w.request().sameRequest(request));
                if (unconfirmed.removeIf(g -> g.sameRequest(request))) {
                    f.locks.unlock(request.owner(), request.range());
                    granted = regrant(f);
                }
                entries += f.entries() - before;
                dropIfEmpty(request.file(), f);
            }
        }
        notifyGranted(granted);
        return Result.GRANTED;
    }

    /** UNLOCK: releases the range (splitting locks as needed) and withdraws the owner's request for it. */
    public Result unlock(FileHandle file, LockOwner owner, LockRange range) {
        List<Grant> granted = List.of();
        synchronized (this) {
            FileState f = files.get(file);
            if (f != null) {
                int before = f.entries();
                f.locks.unlock(owner, range);
                f.waiters.removeIf(w -> w.request().owner().equals(owner) && w.request().range().equals(range));
                unconfirmed.removeIf(g -> g.file().equals(file) && g.owner().equals(owner) && range.contains(g.range()));
                granted = regrant(f);
                entries += f.entries() - before;
                dropIfEmpty(file, f);
            }
        }
        notifyGranted(granted);
        return Result.GRANTED;
    }

    /**
     * The client's answer to a GRANTED callback: accepted confirms the grant; refused (the
     * process no longer waits) gives the lock back.
     */
    public void callbackAnswered(Grant grant, boolean accepted) {
        List<Grant> granted = List.of();
        synchronized (this) {
            if (!unconfirmed.removeIf(g -> g.sameRequest(grant)) || accepted) {
                return;
            }
            FileState f = files.get(grant.file());
            if (f != null) {
                int before = f.entries();
                f.locks.unlock(grant.owner(), grant.range());
                granted = regrant(f);
                entries += f.entries() - before;
                dropIfEmpty(grant.file(), f);
            }
        }
        notifyGranted(granted);
    }

    /** Whether a grant still waits for its client's confirmation. */
    public synchronized boolean unconfirmed(Grant grant) {
        return unconfirmed.stream().anyMatch(g -> g.sameRequest(grant));
    }

    /** SHARE: a DOS share reservation; DENIED when another owner's reservation is in the way. */
    public synchronized Result share(FileHandle file, LockOwner owner, int access, int mode, boolean reclaim) {
        if (grace.active() != reclaim) {
            return Result.GRACE;
        }
        FileState f = files.computeIfAbsent(file, k -> new FileState());
        if (entries >= maxEntries) {
            dropIfEmpty(file, f);
            return Result.NOLOCKS;
        }
        int before = f.entries();
        HeldShare c = f.shares.share(owner, access, mode);
        entries += f.entries() - before;
        dropIfEmpty(file, f);
        return c == null ? Result.GRANTED : new Result(NlmStatus.DENIED, null);
    }

    /** UNSHARE: drops the owner's reservation, if any. */
    public synchronized Result unshare(FileHandle file, LockOwner owner) {
        FileState f = files.get(file);
        if (f != null) {
            int before = f.entries();
            f.shares.unshare(owner);
            entries += f.entries() - before;
            dropIfEmpty(file, f);
        }
        return Result.GRANTED;
    }

    /**
     * Drops every lock, share, waiter and unconfirmed grant of the hosts {@code which} selects
     * (FREE_ALL, SM_NOTIFY of a rebooted client, {@code pmnfs locks --release}), granting what now
     * fits to the others. Returns how many locks, shares and waiters went.
     */
    public int releaseHosts(Predicate<ClientHost> which) {
        List<Grant> granted = new ArrayList<>();
        int before;
        synchronized (this) {
            before = entries;
            unconfirmed.removeIf(g -> which.test(g.owner().host()));
            List<FileHandle> emptied = new ArrayList<>();
            for (Map.Entry<FileHandle, FileState> e : files.entrySet()) {
                FileState f = e.getValue();
                int was = f.entries();
                f.waiters.removeIf(w -> which.test(w.request().owner().host()));
                f.shares.release(s -> which.test(s.owner().host()));
                if (f.locks.release(l -> which.test(l.owner().host()))) {
                    granted.addAll(regrant(f));
                }
                entries += f.entries() - was;
                if (f.isEmpty()) {
                    emptied.add(e.getKey());
                }
            }
            emptied.forEach(files::remove);
            before -= entries;
        }
        notifyGranted(granted);
        return before;
    }

    /** Drops everything held or awaited on {@code file} (its object no longer exists). */
    public int forget(FileHandle file) {
        synchronized (this) {
            FileState f = files.remove(file);
            if (f == null) {
                return 0;
            }
            unconfirmed.removeIf(g -> g.file().equals(file));
            int n = f.entries();
            entries -= n;
            return n;
        }
    }

    /** Whether {@code host} holds or awaits anything. */
    public synchronized boolean holdsAnything(ClientHost host) {
        for (FileState f : files.values()) {
            if (f.locks.locks().stream().anyMatch(l -> l.owner().host().equals(host))
                    || f.shares.shares().stream().anyMatch(s -> s.owner().host().equals(host))
                    || f.waiters.stream().anyMatch(w -> w.request().owner().host().equals(host))) {
                return true;
            }
        }
        return false;
    }

    /** Everything held and awaited, per file. */
    public synchronized List<FileEntry> snapshot() {
        List<FileEntry> out = new ArrayList<>(files.size());
        for (Map.Entry<FileHandle, FileState> e : files.entrySet()) {
            FileState f = e.getValue();
            out.add(new FileEntry(e.getKey(), f.locks.locks(), f.shares.shares(), List.copyOf(f.waiters),
                    unconfirmed.stream().filter(g -> g.file().equals(e.getKey())).toList()));
        }
        return out;
    }

    /** The files with state, to check whether their objects still exist. */
    public synchronized List<FileHandle> files() {
        return List.copyOf(files.keySet());
    }

    /** Locks, shares and waiters held in all. */
    public synchronized int entries() {
        return entries;
    }

    /** Grants the queued requests of {@code f} that now fit, in arrival order. Caller holds the monitor. */
    private List<Grant> regrant(FileState f) {
        List<Grant> granted = new ArrayList<>();
        for (Iterator<Waiter> it = f.waiters.iterator(); it.hasNext(); ) {
            Grant g = it.next().request();
            if (f.locks.lock(g.owner(), g.range(), g.exclusive()) == null) {
                it.remove();
                unconfirmed.add(g);
                granted.add(g);
            }
        }
        return granted;
    }

    private void dropIfEmpty(FileHandle file, FileState f) {
        if (f.isEmpty()) {
            files.remove(file);
        }
    }

    private void notifyGranted(List<Grant> granted) {
        for (Grant g : granted) {
            listener.granted(g);
        }
    }
}
