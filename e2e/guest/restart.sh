#!/bin/bash
# restart.sh MNT (--rendezvous DIR | --restart-cmd CMD) - server restart under a live mount.
# Before the restart it writes data that the server must have made durable (O_SYNC writes,
# an fsynced file, a file written through an fd it keeps open), keeps its cwd in a directory
# on the mount, and starts a buffered writer whose data may still be UNSTABLE when the server
# stops. Then the server is restarted (by the host through DIR, or by CMD in the guest).
# After it: no ESTALE on the held fd, the cwd or any path; everything durable is intact; the
# buffered writer's data is intact after an fsync (the client resends what the server lost,
# seeing the new write verifier).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
LABEL=restart
. "$HERE/lib.sh"
M=$1; shift
RDV="" CMD=""
case "${1:-}" in
    --rendezvous) RDV=$2;;
    --restart-cmd) CMD=$2;;
    *) echo "usage: restart.sh MNT --rendezvous DIR | --restart-cmd CMD" >&2; exit 2;;
esac
LOCAL=$(mktemp -d /tmp/restart.XXXXXX)
R=$M/restart.$$
mkdir -p "$R/dir" && cd "$R" || { nok "mkdir $R"; summary; exit 1; }
head -c 4194304 /dev/urandom > "$LOCAL/a"
head -c 4194304 /dev/urandom > "$LOCAL/b"
head -c 16777216 /dev/urandom > "$LOCAL/c"
t "O_SYNC writes (FILE_SYNC) of a 4 MiB file" dd if="$LOCAL/a" of=a bs=64k oflag=sync status=none
t "buffered write + fsync (COMMIT) of a 4 MiB file" dd if="$LOCAL/b" of=b bs=64k conv=fsync status=none
for i in $(seq 100); do echo "$i" > "dir/f$i"; done
sync
exec 3<>held
printf 'before\n' >&3
t "fsync of the held file" sync held
# a buffered writer racing the restart: its data may be UNSTABLE on the server when it stops
dd if="$LOCAL/c" of=c bs=64k status=none &
WPID=$!

echo "# restarting the server ($(date +%T))"
if [ -n "$RDV" ]; then
    : > "$RDV/ready"
    for ((i = 0; i < 1200; i++)); do [ -e "$RDV/restarted" ] && break; sleep 0.1; done
    t "the host restarted the server" test -e "$RDV/restarted"
else
    t "restart command: $CMD" bash -c "$CMD"
fi
echo "# server restarted ($(date +%T))"

t "cwd on the mount still lists (no ESTALE)" ls .
drop_caches
t "ls of the cwd after dropping caches" ls -la .
t "O_SYNC-written file intact" cmp <(direct_cat a) "$LOCAL/a"
t "fsynced file intact" cmp <(direct_cat b) "$LOCAL/b"
eq "100 files of the directory still there" 100 "$(ls dir | wc -l)"
eq "a file in it reads back" 57 "$(cat dir/f57)"
t "write through the fd held across the restart" bash -c "printf 'after\n' >&3"
t "fsync through the held fd" sync held
exec 3>&-
eq "held file has both writes" "before after" "$(direct_cat held | tr '\n' ' ' | sed 's/ $//')"
wait "$WPID"; eq "the racing buffered writer finished" 0 "$?"
t "fsync of its file" sync c
t "its data is intact" cmp <(direct_cat c) "$LOCAL/c"
t "create after the restart" bash -c 'echo new > new && mv new new2 && test "$(cat new2)" = new'
t "unlink after the restart" rm new2
cd / && t "remove the test directory" rm -r "$R"
rm -rf "$LOCAL"
summary
