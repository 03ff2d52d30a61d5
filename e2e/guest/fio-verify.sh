#!/bin/bash
# fio-verify.sh DIR - data integrity over the mount with fio's own checksums: random writes of
# mixed sizes with O_DIRECT, then a buffered sequential job, each verified with crc32c
# (verify_fatal: any mismatch fails the job).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
LABEL=fio_verify
. "$HERE/lib.sh"
D=$1/fio-verify.$$
mkdir -p "$D" || { nok "mkdir $D"; summary; exit 1; }
command -v fio >/dev/null || { nok "fio is installed"; summary; exit 1; }
common=(--directory="$D" --ioengine=psync --verify=crc32c --verify_fatal=1 --do_verify=1
        --randrepeat=0 --group_reporting)
t "fio random writes 4k-128k, O_DIRECT, crc32c verified" \
    fio --name=direct-rand "${common[@]}" --rw=randwrite --bsrange=4k-128k --size=24M --direct=1
drop_caches
t "fio sequential 1 MiB buffered writes + fsync, crc32c verified" \
    fio --name=buffered-seq "${common[@]}" --rw=write --bs=1M --size=32M --end_fsync=1
t "fio 2 jobs random 64k writes with verify_backlog" \
    fio --name=two-jobs "${common[@]}" --rw=randwrite --bs=64k --size=8M --numjobs=2 --verify_backlog=32 --direct=1
rm -rf "$D"
summary
