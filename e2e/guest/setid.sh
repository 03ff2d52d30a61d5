#!/bin/bash
# setid.sh DIR [LABEL] - set-id bits and ownership changes through the kernel client, as the
# Linux nfsd applies them (issue 9): a write by anyone but root clears setuid and executable
# setgid; chown/chgrp of a non-directory clears them, for root too; chmod by an owner outside
# the file's group drops setgid; only root, or the owner within its own ids and groups, may
# chown or chgrp, even when nothing would change (symlinks through lchown too).
# As root it plays every part with setpriv: the owner (uid 1000, groups 1000 and 1001), a group
# member (uid 1002, supplementary group 1000), an outsider (uid 1003) and root, and reads what
# the server holds after dropping the client's caches. As another user (suite.sh runs it as
# uid 1000 with groups 1000,1001) it checks what an unprivileged owner does to its own files.
# exit: 0 if every check passed; prints "LABEL: N passed, M failed" last.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
LABEL=${2:-setid-$(id -u)}
. "$HERE/lib.sh"
D=$1
ME=$(id -u)
[ -d "$D" ] || { echo "setid.sh: no such directory: $D" >&2; exit 2; }
W=$D/setid.$LABEL.$$
t "mkdir a work directory on the mount" mkdir -m 0777 "$W"
chmod 0777 "$W" 2>/dev/null   # umask
cd "$W" || { summary; exit 1; }
echo "# $LABEL: uid $ME groups $(id -G | tr ' ' ,) in $W"

declare -A M
# snap FILE... : M[FILE]=mode,uid:gid as the server holds them (one cache drop, one stat for all)
snap() {
    local n v; drop_caches
    while IFS='|' read -r n v; do M[$n]=$v; done < <(stat -c '%n|%a,%u:%g' "$@" 2>/dev/null)
}
# is DESC FILE MODE[,UID:GID] : after a snap, FILE has that mode (and owner)
is() { local v=${M[$2]:-missing}; [[ $3 == *,* ]] || v=${v%,*}; eq "$1" "$3" "$v"; }

if [ "$ME" = 0 ]; then
    as() { # as WHO CMD... : run CMD as the owner, a group member, an outsider, or root
        local who=$1; shift
        case $who in
            owner)  setpriv --reuid=1000 --regid=1000 --groups=1000,1001 -- "$@";;
            member) setpriv --reuid=1002 --regid=1002 --groups=1002,1000 -- "$@";;
            other)  setpriv --reuid=1003 --regid=1003 --groups=1003 -- "$@";;
            root)   "$@";;
        esac
    }
    # mkf NAME:MODE... : files of the owner (group 1000) holding a line, each chmod'ed by the owner
    mkf() {
        t "the owner makes $*" as owner sh -c 'for s; do printf "old\n" > "${s%:*}" && chmod "${s#*:}" "${s%:*}" || exit 1; done' sh "$@"
    }
    # app WHO FILE... : WHO appends a line to each FILE (open O_WRONLY|O_APPEND, write, close)
    app() { local who=$1; shift; t "$who appends to $*" as "$who" sh -c 'for f; do printf "new\n" >> "$f" || exit 1; done' sh "$@"; }

    section "a write clears set-id bits"
    mkf o4:4777 o2:2777 o6:6777 m4:4777 m2:2777 m6:6777 w4:4777 w2:2777 w6:6777 own:4755 r6:6777 \
        rdwr:6777 wronly:4777 mark:2767 mark2:6767 mark3:2767 trunc:6777
    app other o4 o2 o6
    app member m4 m2 m6
    app owner w4 w2 w6 own
    app root r6
    snap o4 o2 o6 m4 m2 m6 w4 w2 w6 own r6
    for x in o:other m:member w:owner; do
        for m in 4 2 6; do is "${x#*:}'s write cleared ${m}777 to 777" "${x%:*}$m" 777; done
    done
    is "the owner's write cleared setuid on its own 4755 file" own 755
    is "root's write keeps both bits" r6 6777
    eq "fstat on the O_RDWR descriptor after a write by an outsider" 777 \
        "$(as other bash -c 'exec 3<>rdwr && printf x >&3 && stat -c %a - <&3')"
    eq "fstat on the O_WRONLY descriptor after a write by an outsider" 777 \
        "$(as other bash -c 'exec 3>>wronly && printf x >&3 && stat -c %a - <&3')"
    snap rdwr wronly
    is "mode 777 on the server after the O_RDWR write" rdwr 777
    is "mode 777 on the server after the O_WRONLY write" wronly 777
    eq "the O_RDWR write is there" xld "$(head -c 3 rdwr)"
    eq "the O_WRONLY write is there" x "$(tail -c 1 wronly)"

    section "setgid without group-execute"
    app member mark mark2
    snap mark mark2
    is "the mandatory-locking marking stays when a group member writes" mark 2767
    is "setuid goes, the marking stays" mark2 2767
    app other mark3
    snap mark3
    is "outside the group the marking goes too" mark3 767

    section "truncate"
    t "an outsider truncates a 6777 file (SETATTR size)" as other truncate -s 2 trunc
    snap trunc
    is "nfsd keeps the bits on a SETATTR size" trunc 6777
    eq "size 2" 2 "$(stat -c %s trunc)"
    app other trunc
    snap trunc
    is "the next write clears them" trunc 777

    section "chown and chgrp clear set-id bits"
    mkf grp:6555 rchown:6755 rmark:6745 noop:4755 foreign:644 supp:644 victim:4755 cur:644
    as owner mkdir sdir vdir && as owner chmod 6755 sdir && as owner ln -s victim vlink
    t "the owner chgrps a 6555 file to its other group" as owner chgrp 1001 grp
    t "root chowns a 6755 file to 2000:2000" chown 2000:2000 rchown
    t "root chowns a 6745 file" chown 2000 rmark
    t "the owner's no-op chown" as owner chown 1000:1000 noop
    t "the owner chgrps a 6755 directory" as owner chgrp 1001 sdir
    t "root chowns the directory" chown 2000:2000 sdir
    snap grp rchown rmark noop sdir
    is "chgrp by the owner cleared both" grp 555,1000:1001
    is "root's chown cleared both" rchown 755,2000:2000
    is "root keeps setgid without group-execute" rmark 2745,2000:1000
    is "a no-op chown clears setuid too" noop 755,1000:1000
    is "a directory keeps its bits on chgrp and chown" sdir 6755,2000:2000

    section "chmod outside the group"
    chgrp 2000 foreign cur && as owner chgrp 1001 supp
    t "the owner chmods 2755 a file of group 2000" as owner chmod 2755 foreign
    t "the owner chmods 2755 a file of its supplementary group" as owner chmod 2755 supp
    snap foreign supp
    is "setgid dropped: the owner is not in group 2000" foreign 755
    is "setgid kept in a supplementary group" supp 2755
    t "root chmods 2755 the file of group 2000" chmod 2755 foreign
    snap foreign
    is "root keeps setgid in any group" foreign 2755

    section "who may chown"
    fails_with "an outsider's no-op chown of the owner's file" "Operation not permitted" as other chown 1000:1000 victim
    fails_with "a group member's no-op chgrp of the owner's file" "Operation not permitted" as member chgrp 1000 victim
    fails_with "an outsider's no-op chown of the owner's directory" "Operation not permitted" as other chown 1000:1000 vdir
    fails_with "an outsider's no-op lchown of the owner's symlink" "Operation not permitted" as other chown -h 1000:1000 vlink
    fails_with "a group member's no-op lchgrp of the owner's symlink" "Operation not permitted" as member chgrp -h 1000 vlink
    fails_with "the owner may not give a file away" "Operation not permitted" as owner chown 1002 victim
    fails_with "the owner may not chgrp to a group it is not in" "Operation not permitted" as owner chgrp 2001 victim
    t "the owner may chgrp to the file's current group, though not in it" as owner chgrp 2000 cur
    snap victim cur
    is "the refused chowns changed nothing" victim 4755,1000:1000
    is "group still 2000" cur 644,1000:2000
else
    section "the owner's own files"
    G2=$(id -G | tr ' ' '\n' | grep -vx "$(id -g)" | head -1)
    printf 'old\n' > own && chmod 4755 own
    t "write to one's own setuid file" sh -c "printf 'new\n' >> own"
    eq "the owner's write cleared setuid" 755 "$(stat -c %a own)"
    printf 'old\n' > fs && chmod 6777 fs
    eq "fstat after a write on one's own 6777 file" 777 "$(bash -c 'exec 3<>fs && printf x >&3 && stat -c %a - <&3')"
    printf 'x' > noop && chmod 4755 noop
    t "no-op chown of one's own file" chown "$ME:$(id -g)" noop
    eq "it cleared setuid" 755 "$(stat -c %a noop)"
    if [ -n "$G2" ]; then
        printf 'x' > grp && chmod 6555 grp
        t "chgrp of a 6555 file to one's supplementary group $G2" chgrp "$G2" grp
        eq "chgrp cleared both" 555 "$(stat -c %a grp)"
        printf 'x' > mark && chmod 2745 mark
        t "chgrp of a 2745 file to group $G2" chgrp "$G2" mark
        eq "setgid without group-execute stays within one's groups" 2745 "$(stat -c %a mark)"
    else
        nok "a supplementary group to chgrp to" "run with setpriv --groups"
    fi
    up=$(cd "$D/.." && pwd)
    fails_with "a no-op chown of a directory one does not own ($up)" "Operation not permitted" \
        chown -h "$(stat -c %u:%g "$up")" "$up"
    fails_with "chgrp to a group one is not in" "Operation not permitted" chgrp 2001 own
fi

cd / || true
t "rm -r the work directory" rm -rf "$W"
summary
