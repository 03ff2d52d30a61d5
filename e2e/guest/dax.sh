#!/bin/bash
# dax.sh - the DAX test, inside a guest booted with emulated PMEM (guest-run --pmem 1G):
# mkfs.ext4 + mount -o dax on /dev/pmem0; check the mount is dax=always and that a file there
# takes MAP_SYNC while a tmpfs file does not (environment checks, MapSyncProbe.java); then run
# pmnfs *inside* the guest on a pool file on that DAX file system: "pmnfs info" and the server
# log must show the MAP_SYNC mode; mount it over localhost, write, read back.
# env: PMNFS_CMD (bin/pmnfs of this checkout), E2E_JAVA (JDK 25 java), E2E_DAX_MODE_REGEX
#      (what info/log must show, default MAP_SYNC), E2E_NO_PMNFS=1 (environment checks only)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LABEL=dax
. "$HERE/lib.sh"
. "$ROOT/e2e/lib/pmnfs.sh"
export PMNFS_NO_BUILD=1   # bin/pmnfs: the host built the jar; never run Maven in the guest
JAVA=${E2E_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
RE=${E2E_DAX_MODE_REGEX:-MAP_SYNC}
P=/pmem

t "/dev/pmem0 exists" test -b /dev/pmem0
t "mkfs.ext4 on /dev/pmem0" mkfs.ext4 -q -F -b 4096 /dev/pmem0
mkdir -p $P
t "mount -o dax" mount -o dax /dev/pmem0 $P
eq "mounted dax=always" 1 "$(grep " $P " /proc/mounts | grep -c 'dax=always')"
probe() { # probe DESC EXPECTED FILE : run MapSyncProbe on FILE (default JIT flags: in "emulated-client"
    # mode, e.g. -XX:TieredStopAtLevel=1, JDK 25.0.3 dies in force() of a MAP_SYNC mapping)
    local out
    out=$(cd /tmp && "$JAVA" "$HERE/MapSyncProbe.java" "$3" 2>&1)
    eq "$1" "$2" "$(printf '%s\n' "$out" | tail -1)"
    [ "$(printf '%s\n' "$out" | tail -1)" = "$2" ] || printf '%s\n' "$out" | head -20 | sed 's/^/#   java: /'
}
if [ -x "$JAVA" ]; then
    probe "a file on the DAX mount takes MAP_SYNC" "MAP_SYNC OK" $P/probe
    mkdir -p /tmp/nodax
    probe "a tmpfs file does not take MAP_SYNC" "MAP_SYNC unsupported: Operation not supported" /tmp/nodax/probe
    rm -f $P/probe
else
    nok "JDK 25 java at $JAVA"
fi

if [ "${E2E_NO_PMNFS:-0}" = 1 ]; then
    echo "# dax: pmnfs part not run (E2E_NO_PMNFS=1)"
    umount $P; summary; exit
fi
# ---- pmnfs inside the guest, pool on the DAX file system
POOL=$P/pool PORT=2049 LOG=/tmp/pmnfs-dax.log
MP=$((PORT + PMNFS_MOUNTPORT_OFFSET))
# half the 1 GiB pmem device: the pool file must fit in the ext4 file system on it
E2E_POOL_SIZE=${E2E_DAX_POOL_SIZE:-512M} t "pmnfs mkfs on the DAX pool" pmnfs_mkfs pmem "$POOL"
# (info before serve: a running server may hold the pool exclusively)
info=$(pmnfs_info pmem "$POOL" 2>&1)
echo "$info" | sed 's/^/# info: /'
if [[ $info =~ $RE ]]; then ok "pmnfs info shows the MAP_SYNC mode"; else nok "pmnfs info shows the MAP_SYNC mode" "no /$RE/ in its output"; fi
pmnfs_exports /tmp/dax.exports no_squash
pmnfs_serve_cmd pmem "$POOL" "$PORT" /tmp/dax.exports > /tmp/serve-cmd
echo "# $(cat /tmp/serve-cmd)"
setsid bash -c "exec $(cat /tmp/serve-cmd)" > "$LOG" 2>&1 &
SPID=$!
if wait_rpc 127.0.0.1 "$PORT" "$MP" 300 "$SPID"; then
    ok "pmnfs serves inside the guest"
else
    nok "pmnfs serves inside the guest" "not answering; the rest of the DAX test is not run"
    echo "# ---- pmnfs log (tail)"; tail -40 "$LOG"
    kill -KILL -- -"$SPID" 2>/dev/null; umount $P; summary; exit
fi
if grep -Eq "$RE" "$LOG"; then ok "the server log shows the MAP_SYNC mode"; else nok "the server log shows the MAP_SYNC mode" "no /$RE/ in $LOG"; fi
mkdir -p /mnt
t "mount localhost" timeout 90 mount -t nfs -o vers=3,proto=tcp,port=$PORT,mountport=$MP,mountproto=tcp,nolock "127.0.0.1:$PMNFS_EXPORT" /mnt
head -c 8388608 /dev/urandom > /tmp/dax-data
t "write 8 MiB + fsync" dd if=/tmp/dax-data of=/mnt/dax-data bs=1M conv=fsync status=none
drop_caches
t "read back identical" cmp <(direct_cat /mnt/dax-data) /tmp/dax-data
t "umount" umount /mnt
kill -TERM -- -"$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null
if [ "$FAIL" != 0 ]; then echo "# ---- pmnfs log (tail)"; tail -40 "$LOG"; fi
umount $P
summary
