#!/bin/bash
# docker.sh - the docker phase, inside a guest booted with emulated PMEM and, as a virtio disk,
# the data-root the host's dockerd built the image into (e2e/lib/docker.sh). It makes a DAX file
# system (mkfs.ext4, mount -o dax), starts dockerd (the host's binaries), and runs the image with
# docker/compose.yaml, the DAX file system as its volume. Then: pmnfs info in the container shows
# MAP_SYNC; the server runs as the image's user; the kernel client mounts the export, writes and
# reads back; the health check turns healthy; 'docker stop' closes the pool cleanly; after
# 'docker start' the same data is served with the same file handles (compared byte for byte with
# name_to_handle_at) and an fd held open across the restart goes on working.
# env: E2E_DOCKER_ROOT (where the host mounted the data-root; mounted at the same path here)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LABEL=docker
. "$HERE/lib.sh"
. "$ROOT/e2e/lib/pmnfs.sh"
. "$ROOT/e2e/lib/docker.sh"
DKROOT=${E2E_DOCKER_ROOT:?}
DK=$DK_CLI
P=/pmem M=/mnt PORT=2049 POOL=/pmem/pmnfs.pool DLOG=/tmp/dockerd.log
cleanup() {
    cd /
    grep -q " $M " /proc/mounts && umount -f "$M"
    dk_daemon_stop
    grep -q " $P " /proc/mounts && umount "$P"
}
trap cleanup EXIT
# stop_here MESSAGE : the rest cannot run
stop_here() { nok "$1"; [ -f $DLOG ] && tail -20 $DLOG | sed 's/^/#   dockerd: /'; summary; exit 1; }
# handles PATH... : "PATH HEX" per path, the NFS file handle the kernel got from the server
# (name_to_handle_at(2), syscall 303 on x86_64, through perl: no other tool here calls it)
handles() {
    perl -e 'for my $p (@ARGV) {
        my $h = pack("LiA128", 128, 0, ""); my $mid = pack("i", 0);
        syscall(303, -100, $p, $h, $mid, 0) == 0 or die "name_to_handle_at $p: $!\n";
        my ($n) = unpack("L", $h); print "$p ", unpack("H*", substr($h, 8, $n)), "\n" }' "$@"
}
ctr() { "$DK" ps -aq --filter label=com.docker.compose.service=pmnfs | head -1; }
# wait_up : until the container's server answers MOUNT and NFS; its PID in $CPID. (900 s: each
# JVM start takes 20 s in an idle TCG guest, and several minutes on a loaded machine.)
wait_up() {
    local i
    for ((i = 0; i < 60; i++)); do
        CPID=$("$DK" inspect -f '{{.State.Pid}}' "$C" 2>/dev/null)
        [ -n "$CPID" ] && [ "$CPID" != 0 ] && break
        sleep 1
    done
    wait_rpc 127.0.0.1 "$PORT" "$PORT" 900 "$CPID"
}

section "DAX file system"
t "/dev/pmem0 exists" test -b /dev/pmem0
t "mkfs.ext4 on /dev/pmem0" mkfs.ext4 -q -F -b 4096 /dev/pmem0
mkdir -p $P
t "mount -o dax" mount -o dax /dev/pmem0 $P
eq "mounted dax=always" 1 "$(grep " $P " /proc/mounts | grep -c 'dax=always')"

section "dockerd"
modprobe virtio_blk
for _ in $(seq 50); do [ -b /dev/vda ] && break; sleep 0.1; done
mkdir -p "$DKROOT"
mount /dev/vda "$DKROOT" || stop_here "mount the data-root disk /dev/vda"
grep -q cgroup2 /proc/mounts || mount -t cgroup2 none /sys/fs/cgroup || stop_here "mount cgroup2"
dk_daemon "$DKROOT" /run/pmnfs-e2e-docker $DLOG || stop_here "dockerd starts in the guest ($DK_SKIP)"
ok "dockerd starts in the guest (+${SECONDS}s)"
t "the image built on the host is there" "$DK" image inspect pmnfs:latest

section "docker-compose up"
export PMNFS_DAX_DIR=$P PMNFS_POOL_SIZE=512M PMNFS_LISTEN=127.0.0.1:$PORT
t "docker-compose up -d (docker/compose.yaml, volume $P)" \
    docker-compose -p pmnfs -f "$ROOT/docker/compose.yaml" up -d --no-build
C=$(ctr)
[ -n "$C" ] || stop_here "compose made the pmnfs container"
eq "no network was made (host networking only)" "host none" \
    "$("$DK" network ls --format '{{.Name}}' | sort | tr '\n' ' ' | sed 's/ $//')"
if wait_up; then ok "pmnfs in the container answers MOUNT and NFS on 127.0.0.1:$PORT (+${SECONDS}s)"
else "$DK" logs "$C" 2>&1 | tail -30 | sed 's/^/#   pmnfs: /'; stop_here "pmnfs in the container answers"; fi
LOG=$("$DK" logs "$C" 2>&1)
if [[ $LOG == *"mode MAP_SYNC"* ]]; then ok "the server log shows the MAP_SYNC mapping"
else nok "the server log shows the MAP_SYNC mapping"; fi
info=$("$DK" exec "$C" pmnfs info --device $POOL 2>&1)
echo "$info" | sed 's/^/# info: /'
if [[ $info == *"mapping:       MAP_SYNC"* ]]; then ok "pmnfs info in the container shows MAP_SYNC"
else nok "pmnfs info in the container shows MAP_SYNC"; fi
eq "the server runs as uid 10001 (pmnfs), not root" "10001 10001" \
    "$(awk '/^Uid:/{print $2, $3}' /proc/"$CPID"/status)"
eq "the pool it created belongs to pmnfs" "10001:10001" "$(stat -c %u:%g $POOL)"
echo "# entry point: $(grep -a 'pmnfs-entrypoint' <<< "$LOG" | tr '\n' ' ')"

section "the kernel client"
mkdir -p $M
t "mount 127.0.0.1:/ (the container's export)" timeout 90 mount -t nfs \
    -o vers=3,proto=tcp,port=$PORT,mountport=$PORT,mountproto=tcp,nolock 127.0.0.1:/ $M
head -c 8388608 /dev/urandom > /tmp/docker-data
t "write 8 MiB + fsync" dd if=/tmp/docker-data of=$M/data bs=1M conv=fsync status=none
mkdir -p $M/dir && for i in $(seq 20); do echo "$i" > $M/dir/f$i; done
t "a directory of 20 files" test "$(ls $M/dir | wc -l)" = 20
drop_caches
t "read back identical (O_DIRECT, after dropping caches)" cmp <(direct_cat $M/data) /tmp/docker-data
exec 3<> $M/held
printf 'before\n' >&3
t "fsync of the file held open" sync $M/held
cd $M/dir || nok "cd into the mount"
before=$(handles $M $M/dir $M/dir/f7 $M/data $M/held 2>&1)
echo "$before" | sed 's/^/# handle: /'

section "health check"
# (It may say unhealthy first: a slow guest can take longer than the image's 120 s start
# period to start the JVM. One answered check makes it healthy; checks run every 30 s.)
for ((i = 0; i < 120; i++)); do
    h=$("$DK" inspect -f '{{.State.Health.Status}}' "$C")
    [ "$h" = healthy ] && break
    sleep 2
done
eq "docker reports the container healthy (RPC NULL call)" healthy "$h"
[ "$h" = healthy ] || "$DK" inspect -f '{{range .State.Health.Log}}{{.ExitCode}} {{.Output}}{{end}}' "$C" | tail -5 | sed 's/^/#   health: /'

section "docker stop"
t "docker stop" "$DK" stop -t 60 "$C"
code=$("$DK" inspect -f '{{.State.ExitCode}}' "$C")
echo "# exit code $code"
t "it exited on SIGTERM, not killed (143 or 0, not 137)" test "$code" = 143 -o "$code" = 0
LOG=$("$DK" logs "$C" 2>&1)
if [[ $LOG == *"pool $POOL: closed cleanly"* ]]; then ok "the log says the pool was closed cleanly"
else nok "the log says the pool was closed cleanly" "$(tail -3 <<< "$LOG" | tr '\n' ' ')"; fi

section "docker start"
t "docker start (the same container, the same pool)" "$DK" start "$C"
if wait_up; then ok "the restarted container answers (+${SECONDS}s)"
else "$DK" logs "$C" 2>&1 | tail -30 | sed 's/^/#   pmnfs: /'; stop_here "the restarted container answers"; fi
mounted=$("$DK" logs "$C" 2>&1 | grep -a "pool $POOL: mounted" | tail -1)
echo "# $mounted"
t "the restarted server found the pool clean (no recovery scan)" grep -q 'mount 2, clean;' <<< "$mounted"
t "the cwd on the mount still lists (no ESTALE)" ls .
t "write through the fd held across the restart" bash -c "printf 'after\n' >&3"
t "fsync of the held file" sync $M/held
exec 3>&-
drop_caches
eq "the held file has both writes" "before after" "$(direct_cat $M/held | tr '\n' ' ' | sed 's/ $//')"
after=$(handles $M $M/dir $M/dir/f7 $M/data $M/held 2>&1)
eq "the same file handles after the restart (name_to_handle_at)" "$before" "$after"
t "the data reads back identical" cmp <(direct_cat $M/data) /tmp/docker-data
eq "a file in the directory reads back" 7 "$(cat f7)"
t "create after the restart" bash -c "echo new > $M/new && test \"\$(cat $M/new)\" = new"
cd /
t "umount" timeout 60 umount $M
t "docker stop at the end" "$DK" stop -t 60 "$C"
summary
