#!/bin/bash
# report-test.sh - checks fio-profiles/report on fio terse v3 lines written here: field
# positions, means over rounds, the ratio column, the metadata "ops" rows, failed runs
# (*.terse.failed) ignored, row order. Prints "report: N passed, M failed".
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
LABEL=report
. "$HERE/../../e2e/guest/lib.sh"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
mkdir -p "$T/raw"
# terse v3 line: 3 jobname, 7 read KiB/s, 8 read IOPS, 16 read clat mean us,
# 48 write KiB/s, 49 write IOPS, 57 write clat mean us; all other fields 0
line() { # line JOB RBW RIOPS RLAT WBW WIOPS WLAT
    local f=() i
    for ((i = 1; i <= 130; i++)); do f[i]=0; done
    f[1]=3 f[2]=fio-3.33 f[3]=$1 f[7]=$2 f[8]=$3 f[16]=$4 f[48]=$5 f[49]=$6 f[57]=$7
    (IFS=';'; echo "${f[*]:1}")
}
{ line mix 4096 1000 50.0 2048 500 80.0; } > "$T/raw/A.j1.1.terse"
{ line mix 8192 2000 30.0 4096 1000 60.0; } > "$T/raw/A.j1.2.terse"
{ line mix 12288 3000 20.0 6144 1500 40.0; } > "$T/raw/B.j1.1.terse"
{ line mix 12288 3000 20.0 6144 1500 40.0; } > "$T/raw/B.j1.2.terse"
{ line mix 999999 999999 1 0 0 0; } > "$T/raw/B.j1.3.terse.failed"
{ line meta-create 100 400 10.0 0 0 0; } > "$T/raw/A.j0.1.terse"
REPORT_JOBS="j0 j1" "$HERE/../report" "$T" A B 2> "$T/err"
eq "report exits 0" 0 "$?"
r=$(cat "$T/results.md")
row() { grep -F "| $1 | $2 |" <<< "$r"; }
eq "read row: means of 2 rounds, MiB/s from KiB/s, ratio" \
    "| mix | read | 1500 | 6.0 | 40 | 3000 | 12.0 | 20 | 2.00× |" "$(row mix read)"
eq "write row" "| mix | write | 750 | 3.0 | 70 | 1500 | 6.0 | 40 | 2.00× |" "$(row mix write)"
eq "metadata row counts ops, no MiB/s, missing target shown as –" \
    "| meta-create | ops | 400 | – | 10 | – | – | – | – |" "$(row meta-create ops)"
eq "rows follow REPORT_JOBS" "meta-create mix mix" "$(grep -o '^| [a-z-]* |' <<< "$r" | grep -v '| job |' | tr -d '| ' | tr '\n' ' ' | sed 's/ $//')"
if command -v gnuplot >/dev/null; then
    t "chart.png is a PNG" bash -c "file '$T/chart.png' | grep -q 'PNG image'"
fi
summary
