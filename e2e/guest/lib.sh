# lib.sh - assertion helpers shared by the guest-side scripts (sourced, bash).
# Each check prints one TAP-like line ("ok N - LABEL: what" / "not ok N - LABEL: what (why)");
# summary prints "LABEL: N passed, M failed" and returns non-zero if anything failed.
PASS=0 FAIL=0 LABEL=${LABEL:-check}

ok()  { PASS=$((PASS+1)); echo "ok $((PASS+FAIL)) - $LABEL: $1"; }
nok() { FAIL=$((FAIL+1)); echo "not ok $((PASS+FAIL)) - $LABEL: $1${2:+ ($2)}"; }

# t DESC CMD... : passes if CMD exits 0 (its output is shown only on failure)
t() {
    local d=$1 e; shift
    if e=$("$@" 2>&1); then ok "$d"; else nok "$d" "exit $?: $(printf '%s' "$e" | tail -3 | tr '\n' ' ')"; fi
}
# eq DESC EXPECTED ACTUAL
eq() { if [ "$2" = "$3" ]; then ok "$1"; else nok "$1" "expected '$2', got '$3'"; fi; }
# ge DESC A B : passes if integer A >= B
ge() { if [ "$2" -ge "$3" ] 2>/dev/null; then ok "$1"; else nok "$1" "expected $2 >= $3"; fi; }
# gt DESC A B : passes if integer A > B
gt() { if [ "$2" -gt "$3" ] 2>/dev/null; then ok "$1"; else nok "$1" "expected $2 > $3"; fi; }
# fails_with DESC TEXT CMD... : CMD must fail and say TEXT (e.g. "Permission denied")
fails_with() {
    local d=$1 p=$2 e; shift 2
    if e=$("$@" 2>&1); then nok "$d" "succeeded, expected failure '$p'"
    elif [[ $e == *"$p"* ]]; then ok "$d"
    else nok "$d" "failed with '$(printf '%s' "$e" | tail -2 | tr '\n' ' ')', expected '$p'"; fi
}
summary() { echo "$LABEL: $PASS passed, $FAIL failed"; [ "$FAIL" = 0 ]; }

# read a file from the server, bypassing the client's page cache
direct_cat() { dd if="$1" iflag=direct bs=1M status=none; }
# drop the client's caches when allowed (root), so later reads and lookups go to the server
drop_caches() { sync; [ -w /proc/sys/vm/drop_caches ] && echo 3 > /proc/sys/vm/drop_caches; return 0; }
# section NAME : print a progress line with the seconds since the script started
section() { echo "# $LABEL: $1 (+${SECONDS}s)"; }
