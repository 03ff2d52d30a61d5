#!/bin/bash
# locks.sh remote|local [options] - NFS locking (NLM and NSM) with the real kernel client and no
# "nolock": a plain "mount -t nfs HOST:/ /mnt", fcntl and flock locks between processes of one
# mount and between two mounts (the second with nosharecache, so that the client's own lock table
# cannot settle the conflict and pmnfs must), a blocked waiter woken by the unlock (the wake-up
# time is printed), the locks pmnfs lists, a SIGKILL restart of pmnfs with the lock reclaimed in
# the grace period, and a client "reboot" (SM_NOTIFY) releasing its locks. Runs as root in the VM.
#
#   remote  pmnfs runs on the host (10.0.2.2, --portmap). The guest runs rpcbind and rpc.statd
#           (lockd and statd on the fixed ports 4045/4046, which e2e/run forwards from 127.0.0.2
#           on the host, where the guest's name resolves), and also checks a blocked waiter whose
#           GRANTED callback cannot be delivered. The host serves requests through DIR:
#           DIR/ask.NAME.ACTION (list: pmnfs locks; restart: SIGKILL and start again), answered
#           in DIR/NAME.out.
#   local   pmnfs (with --portmap) and the client both run here, as on one machine: no rpcbind,
#           no rpc.statd; pmnfs is the portmapper and statd, and the kernel's lockd registers
#           with it. The client reboot is sm-notify run with a monitor record of this machine.
# options: --server HOST and --rendezvous DIR (remote), --grace SECONDS (what pmnfs runs with;
#          default 10)
# env (local): PMNFS_CMD, E2E_POOL_SIZE
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LABEL=locks
. "$HERE/lib.sh"
MODE=$1; shift
SERVER="" PORT="" RDV="" GRACE=10
while [ $# -gt 0 ]; do
    case "$1" in
        --server) SERVER=$2; shift 2;;
        --port) PORT=$2; shift 2;;
        --rendezvous) RDV=$2; shift 2;;
        --grace) GRACE=$2; shift 2;;
        *) echo "locks.sh: unknown option $1" >&2; exit 2;;
    esac
done
PROBE="$HERE/lockprobe.py"
M1=/mnt/l1 M2=/mnt/l2
W=$(mktemp -d /tmp/locks.XXXXXX)
now() { date +%s.%N; }
secs() { awk "BEGIN{printf \"%.2f\", $2 - $1}"; }

# ---------------------------------------------------------------- the server, as this mode has it
if [ "$MODE" = local ]; then
    . "$ROOT/e2e/lib/pmnfs.sh"
    export PMNFS_NO_BUILD=1
    SERVER=127.0.0.1 PORT=2049 POOL=/tmp/locks.pool SLOG=/tmp/locks-server.log
    pmnfs_exports /tmp/locks.exports no_squash
    E2E_POOL_SIZE=${E2E_POOL_SIZE:-256M} pmnfs_mkfs pmem "$POOL" > /dev/null || nok "pmnfs mkfs"
    start_server() {
        setsid bash -c "exec $(pmnfs_serve_cmd pmem "$POOL" "$PORT" /tmp/locks.exports portmap "$GRACE")" >> "$SLOG" 2>&1 &
        SPID=$!
        wait_rpc 127.0.0.1 "$PORT" "$PORT" 300 "$SPID"
    }
    stop_server() { kill -"$1" -- -"$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null; }
    list_locks() { pmnfs_locks "$PORT" 2>&1; }
    # (not through t, which runs its command in a subshell: SPID must stay set here)
    restart_server() { stop_server KILL; start_server; }
    if start_server; then ok "pmnfs --portmap serves in the guest"
    else nok "pmnfs --portmap serves in the guest"; echo "# ---- pmnfs log"; tail -40 "$SLOG"; summary; exit 1; fi
    MOUNT_HOST=localhost
else
    [ -n "$SERVER" ] && [ -d "$RDV" ] || { echo "locks.sh remote needs --server and --rendezvous" >&2; exit 2; }
    ask() { # ask NAME ACTION : have the host do ACTION, print its answer (120 s limit)
        : > "$RDV/ask.$1.$2"
        local i; for ((i = 0; i < 1200; i++)); do [ -e "$RDV/$1.out" ] && break; sleep 0.1; done
        cat "$RDV/$1.out" 2>/dev/null
    }
    list_locks() { ask "list$(date +%s%N)" list; }
    restart_server() { [ "$(ask restart restart)" = restarted ]; }
    MOUNT_HOST=$SERVER
    # What a client machine runs: rpcbind and statd (Debian starts them). lockd and statd on fixed
    # ports that the host forwards, so pmnfs's callbacks can reach them.
    modprobe lockd nlm_tcpport=4045 nlm_udpport=4045
    t "rpcbind starts" rpcbind -w
    t "rpc.statd starts" rpc.statd -p 4046 -o 4047
fi

# ---------------------------------------------------------------- a plain mount, twice
mkdir -p "$M1" "$M2"
t0=$(now)
if timeout 90 mount -t nfs "$MOUNT_HOST:/" "$M1"; then ok "mount -t nfs $MOUNT_HOST:/ $M1 with no options ($(secs "$t0" "$(now)") s)"
else nok "mount -t nfs $MOUNT_HOST:/ $M1 with no options"; summary; exit 1; fi
opts=$(grep " $M1 " /proc/mounts | awk '{print $4}')
echo "# $opts"
eq "the mount is NFSv3 with server locking (local_lock=none)" "vers=3 local_lock=none" \
    "$(echo "$opts" | tr ',' '\n' | grep -x 'vers=3\|local_lock=none' | tr '\n' ' ' | sed 's/ $//')"
t "a second mount of the same export with nosharecache (a second lock table in the client)" \
    timeout 90 mount -t nfs -o nosharecache "$MOUNT_HOST:/" "$M2"
F1=$M1/lockfile F2=$M2/lockfile
echo data > "$F1"
t "the file is seen through the second mount" test -e "$F2"

# hold PATH DIR KIND [START LEN] : start a holder in the background; wait until it holds
hold() {
    rm -rf "$2"; mkdir -p "$2"
    python3 "$PROBE" hold "$1" "$2" "${@:3}" & HOLDER=$!
    local i; for ((i = 0; i < 600; i++)); do [ -e "$2/held" ] && return 0; kill -0 $HOLDER 2>/dev/null || return 1; sleep 0.1; done
    return 1
}
release() { : > "$1/release"; wait "$HOLDER"; }
try() { python3 "$PROBE" try "$@" > /dev/null; }

# ---------------------------------------------------------------- contention
section "contention within one mount (flock and fcntl)"
hold "$F1" "$W/a" ex || nok "a holder takes an exclusive fcntl lock"
try "$F1" ex; eq "a second process's fcntl lock on the same mount is refused with EAGAIN" 11 $?
release "$W/a"
(flock "$F1" -c "touch $W/flocked; sleep 4") & FP=$!
for ((i = 0; i < 200; i++)); do [ -e "$W/flocked" ] && break; sleep 0.1; done
flock -n "$F1" -c true; eq "flock -n is refused while flock(1) holds the file (exit 1)" 1 $?
t0=$(now); flock "$F1" -c true; rc=$?
eq "flock(1) waits for the holder, then gets the lock" 0 $rc
wait $FP

section "contention between the two mounts: pmnfs decides"
hold "$F1" "$W/b" ex || nok "a holder on mount 1 takes an exclusive lock"
try "$F2" ex; eq "an exclusive lock through mount 2 is refused (EAGAIN from the server's DENIED)" 11 $?
try "$F2" sh; eq "so is a shared one" 11 $?
flock -n "$F2" -c true; eq "flock -n through mount 2 is refused" 1 $?
if [ "$MODE" = remote ]; then   # (locally, each pmnfs locks is a JVM start in a slow guest: once, after the restart)
    listing=$(list_locks)
    echo "$listing" | sed 's/^/#   /'
    if echo "$listing" | grep -q "exclusive .*0-EOF .*held"; then ok "pmnfs locks lists the exclusive lock as held"
    else nok "pmnfs locks lists the exclusive lock as held"; fi
fi
release "$W/b"
try "$F2" ex; eq "after the unlock, mount 2 gets it" 0 $?

hold "$F1" "$W/c" ex 0 10 || nok "a holder takes bytes 0-9"
try "$F2" ex 10 10; eq "bytes 10-19 are free for another owner" 0 $?
try "$F2" ex 9 2; eq "bytes 9-10 overlap and are refused" 11 $?
release "$W/c"
hold "$F1" "$W/d" sh || nok "a holder takes a shared lock"
try "$F2" sh; eq "a second shared lock through mount 2 is granted" 0 $?
try "$F2" ex; eq "an exclusive one is refused" 11 $?
release "$W/d"

# woken WHAT LIMIT : a holder on mount 1, a blocked waiter on mount 2; the unlock wakes the waiter
woken() {
    hold "$F1" "$W/e" ex || nok "$1: a holder takes the lock"
    rm -rf "$W/w"; mkdir -p "$W/w"
    python3 "$PROBE" wait "$F2" "$W/w" ex & local wp=$!
    sleep 3   # the waiter's LOCK reaches the server and is BLOCKED
    t "$1: the waiter is still blocked while the lock is held" test ! -e "$W/w/granted-at"
    release "$W/e"
    local i; for ((i = 0; i < 900; i++)); do [ -e "$W/w/granted-at" ] && break; sleep 0.1; done
    wait $wp
    if [ -e "$W/w/granted-at" ]; then
        local d; d=$(secs "$(cat "$W/e/released-at")" "$(cat "$W/w/granted-at")")
        echo "# $1: waiter woken $d s after the unlock"
        WAKE=$d
        if awk "BEGIN{exit !($d >= 0 && $d < $2)}"; then ok "$1: the waiter gets the lock after the unlock, within $2 s ($d s)"
        else nok "$1: the waiter gets the lock after the unlock, within $2 s" "$d s"; fi
    else
        nok "$1: the waiter gets the lock after the unlock" "not within 90 s"
    fi
}
section "a blocked waiter, woken by the unlock"
woken "GRANTED callback" 20
WAKE_CALLBACK=$WAKE

if [ "$MODE" = remote ]; then
    # The callback cannot be delivered when the client's lockd is not registered with its
    # portmapper: the waiter then gets the lock when it asks again (Linux: every 30 s). (All
    # versions: rpcbind answers a GETPORT for a missing version with another version's port.)
    for v in 1 3 4; do rpcinfo -d 100021 $v; done
    rpcinfo -p 127.0.0.1 | grep nlockmgr | sed 's/^/#   registered: /'
    section "a blocked waiter whose GRANTED callback cannot be delivered"
    woken "no callback" 45
    WAKE_POLL=$WAKE
    # lockd registers again when it restarts: after the last locking mount is gone
    umount "$M2" "$M1"
    t "remount (lockd registers again)" timeout 90 mount -t nfs "$MOUNT_HOST:/" "$M1"
    t "remount with nosharecache" timeout 90 mount -t nfs -o nosharecache "$MOUNT_HOST:/" "$M2"
    t "lockd is registered again" sh -c "rpcinfo -p 127.0.0.1 | grep -q 'nlockmgr'"
fi

# ---------------------------------------------------------------- restart
section "pmnfs is SIGKILLed while a lock is held"
hold "$F1" "$W/r" ex || nok "a holder takes the lock before the restart"
if restart_server; then ok "pmnfs is killed and started again"; else nok "pmnfs is killed and started again"; fi
# the client is told (SM_NOTIFY, or the statd callback on this machine) and reclaims
t0=$(now)
try "$F2" ex; rc=$?
eq "after the restart, another owner is refused: the lock was reclaimed and is held" 11 $rc
echo "# (that attempt took $(secs "$t0" "$(now)") s: the client retries new locks until the ${GRACE} s grace period ends)"
listing=$(list_locks)
echo "$listing" | sed 's/^/#   /'
if echo "$listing" | grep -q "exclusive .*0-EOF .*held"; then ok "pmnfs lists the reclaimed lock"
else nok "pmnfs lists the reclaimed lock"; fi
release "$W/r"
try "$F2" ex; eq "once the holder unlocks, mount 2 gets it" 0 $?
if dmesg | grep -q "failed to reclaim"; then nok "no reclaim failed" "$(dmesg | grep 'failed to reclaim' | tail -1)"
else ok "no reclaim failed (dmesg)"; fi

# ---------------------------------------------------------------- client reboot
section "the client reboots (SM_NOTIFY): its locks are released"
hold "$F1" "$W/n" ex || nok "a holder takes the lock"
try "$F2" ex; eq "while it holds, mount 2 is refused" 11 $?
if [ "$MODE" = remote ]; then
    # what a rebooted client's sm-notify does: tell every host its statd monitors (pmnfs, as
    # 10.0.2.2, recorded when the kernel asked statd to monitor it) with a new state number
    t "statd monitors the server" test -e /var/lib/nfs/sm/10.0.2.2
else
    # this machine's statd is pmnfs; give sm-notify the record a rebooted client's statd has
    mkdir -p /var/lib/nfs/sm
    echo "0100007f 000186b5 00000003 00000010 00000000000000000000000000000000 127.0.0.1 $(hostname)" > /var/lib/nfs/sm/127.0.0.1
fi
t "sm-notify tells the server this client rebooted (new state number)" timeout 60 sm-notify -f -d
for ((i = 0; i < 100; i++)); do try "$F2" ex && break; sleep 0.2; done
eq "the server released the rebooted client's lock: mount 2 gets it" 0 "$(try "$F2" ex; echo $?)"
release "$W/n"

umount "$M2" "$M1" || nok "umount"
if [ "$MODE" = local ]; then stop_server TERM; [ "$FAIL" = 0 ] || { echo "# ---- pmnfs log (tail)"; tail -40 "$SLOG"; }; fi
POLLED=""; [ -n "${WAKE_POLL:-}" ] && POLLED=", $WAKE_POLL s without it (the client asks again)"
echo "# wake-up after the unlock: ${WAKE_CALLBACK:-?} s with the GRANTED callback$POLLED"
rm -rf "$W"
summary
