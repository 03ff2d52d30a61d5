#!/bin/bash
# root-squash.sh FIXTURE [UID] - checks, as root on a mount of a root_squash export, that root
# is treated as the anonymous user. FIXTURE (made by suite.sh's main phase while root was not
# squashed) is a 1777 directory holding "rootfile" (root's, mode 600) and "userdir" (UID's,
# mode 700, with "file"). UID defaults to 1000.
# env: E2E_ANON_UID - the uid a squashed root maps to (default 65534)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
LABEL=root_squash
. "$HERE/lib.sh"
F=$1 U=${2:-1000} ANON=${E2E_ANON_UID:-65534}
[ "$(id -u)" = 0 ] || { echo "root-squash.sh must run as root" >&2; exit 2; }
drop_caches
t "fixture visible" test -d "$F/userdir"
fails_with "squashed root cannot read root's mode 600 file" "Permission denied" cat "$F/rootfile"
fails_with "squashed root cannot append to root's file" "Permission denied" bash -c "echo x >> '$F/rootfile'"
fails_with "squashed root cannot list uid $U's mode 700 directory" "Permission denied" ls "$F/userdir"
t "squashed root can create in a 1777 directory" bash -c ": > '$F/by-root'"
eq "a file root creates belongs to the anonymous uid" "$ANON" "$(stat -c %u "$F/by-root")"
fails_with "squashed root cannot chown" "Operation not permitted" chown 0 "$F/by-root"
fails_with "squashed root cannot chmod uid $U's directory" "Operation not permitted" chmod 777 "$F/userdir"
eq "uid $U (not squashed) still reads its own file" "mine" \
    "$(setpriv --reuid="$U" --regid="$U" --clear-groups -- cat "$F/userdir/file" 2>&1)"
t "squashed root removes its own file" rm "$F/by-root"
summary
