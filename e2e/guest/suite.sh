#!/bin/bash
# suite.sh [options] PHASE... - the guest side of the e2e suite: mount an NFSv3 server the way
# users do and run the phases given, in order. Runs as root inside the VM.
#
# options:
#   --server HOST      NFS server as seen from the guest (10.0.2.2 = the host's 127.0.0.1)
#   --port P           NFS port; --mountport M  MOUNT port (default: P, pmnfs serves both on one)
#   --export PATH      export to mount (default /)
#   --squash-export PATH  export with root_squash for the squash phase (default: --export)
#   --mnt DIR          mount point (default /mnt)
#   --restart-cmd CMD  restart phase: guest-local command that restarts the server
#   --rendezvous DIR   restart phase: a directory shared with the host; the guest creates
#                      DIR/ready and waits for the host to restart the server and create
#                      DIR/restarted
#   --user UID         unprivileged uid for the second functional run (default 1000)
#   --idle-close SECS  portmap phase: the server closes connections idle for SECS (pmnfs
#                      --idle-timeout); check that it does and that the mount goes on working
# phases:
#   main     explicit-port mount; functional run and set-id/ownership checks (setid.sh) as root,
#            then as --user (setid.sh with the supplementary group UID+1); fio --verify=crc32c;
#            leaves a fixture in /squash-fixture for the squash phase; umount
#   squash   mount --squash-export; root must be squashed to the anonymous uid; umount
#   portmap  plain "-o vers=3,nolock" mount (portmapper on 111 of --server); quick run; with
#            --idle-close, the idle close and reconnect; umount
#   restart  restart test (see restart.sh); umount
# env: E2E_ANON_UID (65534) anonymous uid of a squashed root; E2E_BIGDIR_N (10000) entries of
#      the big directory in the root run; E2E_USER_BIGDIR_N (1000) the same for the uid run
# exit: 0 when every phase passed; the last line is "guest: N passed, M failed".
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
SERVER="" PORT="" MPORT="" EXPORT=/ SQEXPORT="" MNT=/mnt RESTART_CMD="" RDV="" USERID=1000 IDLE=0
while [ $# -gt 0 ]; do
    case "$1" in
        --server) SERVER=$2; shift 2;;
        --port) PORT=$2; shift 2;;
        --mountport) MPORT=$2; shift 2;;
        --export) EXPORT=$2; shift 2;;
        --squash-export) SQEXPORT=$2; shift 2;;
        --mnt) MNT=$2; shift 2;;
        --restart-cmd) RESTART_CMD=$2; shift 2;;
        --rendezvous) RDV=$2; shift 2;;
        --user) USERID=$2; shift 2;;
        --idle-close) IDLE=$2; shift 2;;
        --) shift; break;;
        -*) echo "suite.sh: unknown option $1" >&2; exit 2;;
        *) break;;
    esac
done
[ -n "$SERVER" ] && [ $# -gt 0 ] || { echo "usage: suite.sh --server HOST [--port P] ... PHASE..." >&2; exit 2; }
MPORT=${MPORT:-$PORT}
SQEXPORT=${SQEXPORT:-$EXPORT}
TOTP=0 TOTF=0
LABEL=suite
. "$HERE/lib.sh"

explicit_opts() { echo "vers=3,proto=tcp,port=$PORT,mountport=$MPORT,mountproto=tcp,nolock"; }

do_mount() { # do_mount OPTS EXPORT : mount at $MNT, 90 s limit
    mkdir -p "$MNT"
    echo "# mount -t nfs -o $1 $SERVER:$2 $MNT"
    local t0 t1; t0=$(date +%s.%N)
    timeout 90 mount -t nfs -o "$1" "$SERVER:$2" "$MNT" || return 1
    t1=$(date +%s.%N)
    echo "# mounted in $(awk "BEGIN{printf \"%.2f\", $t1-$t0}") s: $(grep " $MNT " /proc/mounts)"
}
do_umount() { cd /; timeout 60 umount "$MNT"; }

tally() { # tally LOGFILE : add the "X: N passed, M failed" line of a sub-run to the totals
    local l; l=$(grep -E '^[^ ]+: [0-9]+ passed, [0-9]+ failed$' "$1" | tail -1)
    if [ -z "$l" ]; then TOTF=$((TOTF+1)); echo "not ok - $(basename "$1"): no summary line (crashed?)"; return; fi
    set -- $l; TOTP=$((TOTP+$2)); TOTF=$((TOTF+$4))
}
run_sub() { # run_sub NAME CMD... : run a sub-script, show its output, tally it
    local log=/tmp/suite.$1.log; shift
    "$@" 2>&1 | tee "$log"
    tally "$log"
}
mount_check() { # mount_check DESC OPTS EXPORT
    LABEL=mount; PASS=0 FAIL=0
    if do_mount "$2" "$3"; then ok "$1"; else nok "$1" "mount failed"; fi
    TOTP=$((TOTP+PASS)); TOTF=$((TOTF+FAIL))
    [ "$FAIL" = 0 ]
}

phase_main() {
    mount_check "mount with explicit ports (port=$PORT,mountport=$MPORT)" "$(explicit_opts)" "$EXPORT" || return
    run_sub root "$HERE/functional.sh" "$MNT" root
    run_sub setid-root "$HERE/setid.sh" "$MNT" setid-root
    mkdir -p "$MNT/user-$USERID" && chown "$USERID:$USERID" "$MNT/user-$USERID"
    run_sub user setpriv --reuid="$USERID" --regid="$USERID" --clear-groups -- \
        env HOME=/tmp E2E_BIGDIR_N="${E2E_USER_BIGDIR_N:-1000}" "$HERE/functional.sh" "$MNT/user-$USERID" "uid$USERID"
    run_sub setid-user setpriv --reuid="$USERID" --regid="$USERID" --groups="$USERID,$((USERID + 1))" -- \
        env HOME=/tmp "$HERE/setid.sh" "$MNT/user-$USERID" "setid-uid$USERID"
    rm -rf "$MNT/user-$USERID"
    run_sub fio "$HERE/fio-verify.sh" "$MNT"
    # fixture for the squash phase, made while root is not squashed
    rm -rf "$MNT/squash-fixture"
    mkdir -m 1777 "$MNT/squash-fixture"
    (umask 077; echo secret > "$MNT/squash-fixture/rootfile")
    mkdir -m 700 "$MNT/squash-fixture/userdir"
    echo mine > "$MNT/squash-fixture/userdir/file"
    chown -R "$USERID:$USERID" "$MNT/squash-fixture/userdir"
    do_umount
}

phase_squash() {
    mount_check "mount the root_squash export $SQEXPORT" "$(explicit_opts)" "$SQEXPORT" || return
    run_sub squash "$HERE/root-squash.sh" "$MNT/squash-fixture" "$USERID"
    do_umount
}

phase_portmap() {
    mount_check "mount through the portmapper (-o vers=3,nolock)" "vers=3,nolock" "$EXPORT" || return
    LABEL=portmap; PASS=0 FAIL=0
    eq "portmap mount uses NFSv3 over TCP" "vers=3 proto=tcp" \
        "$(grep " $MNT " /proc/mounts | awk '{print $4}' | tr ',' '\n' | grep -x 'vers=3\|proto=tcp' | tr '\n' ' ' | sed 's/ $//')"
    TOTP=$((TOTP+PASS)); TOTF=$((TOTF+FAIL))
    run_sub portmap env E2E_QUICK=1 "$HERE/functional.sh" "$MNT" portmap
    [ "$IDLE" -gt 0 ] && idle_close
    do_umount
}

# The server closes the client's idle connection; the next call reconnects on its own.
idle_close() {
    LABEL=idle; PASS=0 FAIL=0
    nfs_conns() { ss -Htn state established "( dport = :$PORT )" | grep -c .; }
    t "write a file" sh -c "echo idle-probe > '$MNT/idle-probe' && sync"
    ge "a connection to the server is open" "$(nfs_conns)" 1
    sleep $((IDLE * 3 + 5))
    eq "the server closed it after ${IDLE} s idle" 0 "$(nfs_conns)"
    drop_caches
    eq "the file reads back after the close" idle-probe "$(direct_cat "$MNT/idle-probe")"
    t "a new file can be written" sh -c "echo again > '$MNT/idle-probe-2' && sync"
    ge "the client reconnected" "$(nfs_conns)" 1
    rm -f "$MNT/idle-probe" "$MNT/idle-probe-2"
    TOTP=$((TOTP+PASS)); TOTF=$((TOTF+FAIL))
}

phase_restart() {
    mount_check "mount for the restart test" "$(explicit_opts)" "$EXPORT" || return
    if [ -n "$RDV" ]; then run_sub restart "$HERE/restart.sh" "$MNT" --rendezvous "$RDV"
    elif [ -n "$RESTART_CMD" ]; then run_sub restart "$HERE/restart.sh" "$MNT" --restart-cmd "$RESTART_CMD"
    else TOTF=$((TOTF+1)); echo "not ok - restart: needs --rendezvous or --restart-cmd"; fi
    do_umount
}

for ph in "$@"; do
    echo "# ---- phase $ph ($(date +%T))"
    case "$ph" in
        main|squash|portmap|restart) "phase_$ph";;
        *) echo "not ok - unknown phase $ph"; TOTF=$((TOTF+1));;
    esac
    if grep -q " $MNT " /proc/mounts; then
        echo "not ok - $ph: $MNT still mounted after the phase"; TOTF=$((TOTF+1)); umount -f "$MNT"
    fi
done
if dmesg | grep -i 'stale file handle\|ESTALE'; then
    echo "not ok - the kernel log mentions stale file handles"; TOTF=$((TOTF+1))
fi
echo "guest: $TOTP passed, $TOTF failed"
[ "$TOTF" = 0 ]
