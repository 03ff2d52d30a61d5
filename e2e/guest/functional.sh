#!/bin/bash
# functional.sh DIR [LABEL] - exercise, with a real shell and coreutils, what users do on a
# mounted NFS file system: create, write, append, read, cp -r of a tree, rename, hard link,
# symlink, chmod/chown, truncate, ls -l of a big directory, rm -r, df, stat of times after a
# change. Runs in a fresh sub-directory of DIR as the calling user (root or not: the checks
# that differ say so). Every check compares against a reference copy kept in local /tmp.
#
# env: E2E_BIGDIR_N  entries in the big directory (default 10000)
#      E2E_QUICK=1   only create/write/append/read/rename/ls/rm (for the portmap mount)
# exit: 0 if every check passed; prints "LABEL: N passed, M failed" last.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
LABEL=${2:-functional-$(id -u)}
. "$HERE/lib.sh"
D=$1
N=${E2E_BIGDIR_N:-10000}
ME=$(id -u)

[ -d "$D" ] || { echo "functional.sh: no such directory: $D" >&2; exit 2; }
W=$D/work.$LABEL.$$
LOCAL=$(mktemp -d /tmp/functional.XXXXXX)
trap 'rm -rf "$LOCAL"' EXIT
t "mkdir a work directory on the mount" mkdir "$W"
cd "$W" || { summary; exit 1; }
echo "# $LABEL: uid $ME in $W ($(stat -f -c %T "$W"))"

# ---------------------------------------------------------------- create / write / append / read
section "create/write/append/read"
t "create an empty file" bash -c ': > f && [ -f f ] && [ ! -s f ]'
printf 'hello\n' > f
eq "write then read back" "hello" "$(cat f)"
printf 'world\n' >> f
eq "append keeps the old bytes" "hello world" "$(cat f | tr '\n' ' ' | sed 's/ $//')"
eq "size after append" 12 "$(stat -c %s f)"
head -c 5242880 /dev/urandom > "$LOCAL/big"
t "write a 5 MiB random file (cp)" cp "$LOCAL/big" big
t "5 MiB file reads back identical (O_DIRECT, from the server)" cmp <(direct_cat big) "$LOCAL/big"
printf 'XYZ' | dd of=big bs=1 seek=1000000 conv=notrunc status=none
printf 'XYZ' | dd of="$LOCAL/big" bs=1 seek=1000000 conv=notrunc status=none
t "overwrite 3 bytes in the middle, read back" cmp <(direct_cat big) "$LOCAL/big"
t "mkdir -p of nested directories" mkdir -p a/b/c/d
t "nested directory exists" test -d a/b/c/d
fails_with "rmdir of a non-empty directory is refused" "Directory not empty" rmdir a/b
fails_with "mkdir of an existing name is refused" "File exists" mkdir a
fails_with "open of a missing file fails" "No such file or directory" cat does-not-exist

# ---------------------------------------------------------------- rename (quick part)
printf 'r1\n' > r1; printf 'r2\n' > r2
t "rename a file" mv f g
t "old name is gone after rename" test ! -e f
eq "new name has the content" "hello world" "$(cat g | tr '\n' ' ' | sed 's/ $//')"
t "rename over an existing file" mv r1 r2
eq "replaced file has the moved content" "r1" "$(cat r2)"
t "source of the replacing rename is gone" test ! -e r1

if [ "${E2E_QUICK:-0}" = 1 ]; then
    t "create 200 files" bash -c 'mkdir dir200 && for i in $(seq 200); do : > dir200/f$i; done'
    eq "ls lists 200 entries" 200 "$(ls dir200 | wc -l)"
    t "rm -r" rm -r dir200
    cd / && t "remove the work directory" rm -r "$W"
    summary; exit
fi

# ---------------------------------------------------------------- cp -r of a tree
section "cp -r"
mk_tree() { # a tree with empty, odd-sized and block-sized files, a symlink, an empty dir
    local r=$1 i j
    for i in 0 1 2 3 4; do
        for j in 0 1 2; do
            mkdir -p "$r/d$i/s$j"
            : > "$r/d$i/s$j/empty"
            head -c 1 /dev/urandom > "$r/d$i/s$j/one"
            head -c 4095 /dev/urandom > "$r/d$i/s$j/b4095"
            head -c 4096 /dev/urandom > "$r/d$i/s$j/b4096"
            head -c $((4097 + i * 7919 + j)) /dev/urandom > "$r/d$i/s$j/odd"
        done
        head -c $((1048576 + 3 + i)) /dev/urandom > "$r/d$i/mib"
        ln -s s0/odd "$r/d$i/link"
    done
    mkdir "$r/emptydir"
    printf 'name with spaces\n' > "$r/a file with spaces"
}
mk_tree "$LOCAL/tree"
t "cp -r a tree onto the mount" cp -r "$LOCAL/tree" tree
t "diff -r: the copy equals the source" diff -r --no-dereference "$LOCAL/tree" tree
eq "same number of entries" "$(cd "$LOCAL/tree" && find . | sort | md5sum)" "$(cd tree && find . | sort | md5sum)"
drop_caches
t "cp -r the tree back off the mount" cp -r tree "$LOCAL/back"
t "diff -r: the copy back equals the source" diff -r --no-dereference "$LOCAL/tree" "$LOCAL/back"

# ---------------------------------------------------------------- rename (dirs, across dirs)
section "rename"
t "rename a file into another directory" mv g tree/d0/g
eq "moved file readable in its new directory" "hello world" "$(cat tree/d0/g | tr '\n' ' ' | sed 's/ $//')"
rm tree/d0/g
t "rename a directory" mv tree/d1 tree/d1-renamed
t "renamed directory holds the same tree" diff -r --no-dereference "$LOCAL/tree/d1" tree/d1-renamed
mkdir e1 e2; : > e2/x
fails_with "rename onto a non-empty directory is refused" "Directory not empty" mv -T e1 e2
rm -r e1 e2

# ---------------------------------------------------------------- hard links
section "hard links"
printf 'data\n' > h1
t "hard link" ln h1 h2
eq "link count 2" 2 "$(stat -c %h h1)"
eq "both names are the same inode" "$(stat -c %i h1)" "$(stat -c %i h2)"
printf 'more\n' >> h2
eq "a write through one name shows through the other" "data more" "$(cat h1 | tr '\n' ' ' | sed 's/ $//')"
rm h1
eq "link count 1 after removing one name" 1 "$(stat -c %h h2)"
eq "the other name keeps the data" "data more" "$(cat h2 | tr '\n' ' ' | sed 's/ $//')"

# ---------------------------------------------------------------- symlinks
t "symlink" ln -s h2 s1
eq "readlink" "h2" "$(readlink s1)"
eq "stat sees a symlink" "symbolic link" "$(stat -c %F s1)"
eq "reading through the symlink" "data more" "$(cat s1 | tr '\n' ' ' | sed 's/ $//')"
t "dangling symlink" ln -s /nonexistent/target dangling
eq "readlink of a dangling symlink" "/nonexistent/target" "$(readlink dangling)"
t "dangling symlink is a link to nothing" bash -c 'test -L dangling && test ! -e dangling'
longt=$(printf 'x%.0s' $(seq 255))/$(printf 'y%.0s' $(seq 255))
ln -s "$longt" longlink
eq "511-byte symlink target round-trips" "$longt" "$(readlink longlink)"

# ---------------------------------------------------------------- chmod / chown
section "chmod/chown"
t "chmod 640" chmod 640 h2
eq "mode 640" 640 "$(stat -c %a h2)"
chmod u+x,g-r h2
eq "symbolic chmod u+x,g-r" 700 "$(stat -c %a h2)"
mkdir sticky && chmod 1777 sticky
eq "sticky dir mode 1777" 1777 "$(stat -c %a sticky)"
chmod 000 h2
if [ "$ME" = 0 ]; then
    eq "root reads a mode 000 file" "data more" "$(cat h2 | tr '\n' ' ' | sed 's/ $//')"
    t "chown 1234:5678" chown 1234:5678 h2
    eq "owner and group after chown" "1234:5678" "$(stat -c %u:%g h2)"
    drop_caches
    eq "owner and group from the server" "1234:5678" "$(stat -c %u:%g h2)"
    t "chown back to root" chown 0:0 h2
else
    fails_with "the owner is refused a mode 000 file" "Permission denied" cat h2
    fails_with "unprivileged chown to root is refused" "Operation not permitted" chown 0 h2
    t "chgrp to one's own group" chgrp "$(id -g)" h2
    eq "owner unchanged" "$ME:$(id -g)" "$(stat -c %u:%g h2)"
fi
chmod 644 h2
eq "mode 644 restored" 644 "$(stat -c %a h2)"

# ---------------------------------------------------------------- truncate
section "truncate"
printf 'hello world' > tr
t "truncate -s 5 (shrink)" truncate -s 5 tr
eq "content after shrink" "hello" "$(cat tr)"
t "truncate -s 10000 (extend)" truncate -s 10000 tr
eq "size after extend" 10000 "$(stat -c %s tr)"
{ printf 'hello'; head -c 9995 /dev/zero; } > "$LOCAL/tr"
t "extended part reads as zeros" cmp <(direct_cat tr) "$LOCAL/tr"
truncate -s 1048593 big; truncate -s 1048593 "$LOCAL/big"
t "truncate the 5 MiB file to 1 MiB + 17, read back" cmp <(direct_cat big) "$LOCAL/big"
t "truncate to 0" truncate -s 0 tr
eq "size 0" 0 "$(stat -c %s tr)"
printf 'abc' > tr
eq "rewrite after truncate to 0" "abc" "$(cat tr)"

# ---------------------------------------------------------------- stat of times after a change
section "stat times"
printf '1\n' > tm
m0=$(stat -c %Y tm) c0=$(stat -c %Z tm) d0=$(stat -c %Y .)
sleep 1.1
printf '2\n' >> tm
m1=$(stat -c %Y tm) c1=$(stat -c %Z tm)
gt "mtime moves on a write" "$m1" "$m0"
gt "ctime moves on a write" "$c1" "$c0"
sleep 1.1
chmod 600 tm
eq "mtime stays on chmod" "$m1" "$(stat -c %Y tm)"
gt "ctime moves on chmod" "$(stat -c %Z tm)" "$c1"
: > newentry
gt "directory mtime moves when an entry is created" "$(stat -c %Y .)" "$d0"
t "touch -m -d sets an mtime" touch -m -d '2001-02-03 04:05:06.123456789 UTC' tm
eq "mtime seconds as set" 981173106 "$(stat -c %Y tm)"
drop_caches
eq "mtime with nanoseconds from the server" "2001-02-03 04:05:06.123456789" "$(TZ=UTC stat -c %y tm | cut -c1-29)"
t "touch -a -d sets an atime" touch -a -d '2002-03-04 05:06:07 UTC' tm
eq "atime as set" 1015218367 "$(stat -c %X tm)"

# ---------------------------------------------------------------- a big directory, ls -l, rm -r
section "big directory"
mkdir bigdir
t0=$(date +%s.%N)
# 8 creators at once: each create waits a round trip (several ms through slirp under TCG)
for ((w = 0; w < 8; w++)); do
    ( for ((i = w; i < N; i += 8)); do : > "bigdir/entry-$i" || exit 1; done ) &
done
cw=0; for ((w = 0; w < 8; w++)); do wait -n || cw=$((cw + 1)); done
eq "all $N creates succeeded" 0 "$cw"
t1=$(date +%s.%N)
echo "# $LABEL: created $N files in $(awk "BEGIN{printf \"%.1f\", $t1-$t0}") s"
drop_caches
ls -l bigdir > "$LOCAL/ls-l"; rc=$?
eq "ls -l of the $N-entry directory succeeds" 0 "$rc"
eq "ls -l shows $N entries" "$N" "$(grep -c '^-rw' "$LOCAL/ls-l")"
eq "ls -l total line" 1 "$(grep -c '^total ' "$LOCAL/ls-l")"
for ((i = 0; i < N; i++)); do echo "entry-$i"; done | sort > "$LOCAL/names"
t "every name listed exactly once" cmp <(ls bigdir) "$LOCAL/names"
eq "find agrees" "$N" "$(find bigdir -type f | wc -l)"
section "listed"
t "rm -r of the big directory" rm -r bigdir
section "removed"
t "big directory gone" test ! -e bigdir
t "rm -r of the copied tree" rm -r tree
t "tree gone" test ! -e tree

# ---------------------------------------------------------------- df
section "df"
eq "file system type is nfs" nfs "$(stat -f -c %T .)"
read -r size used avail < <(df -P -k . | awk 'NR==2{print $2, $3, $4}')
gt "df: size > 0" "${size:-0}" 0
ge "df: size >= available" "${size:-0}" "${avail:-0}"
head -c 16777216 /dev/urandom > "$LOCAL/16m"
dd if="$LOCAL/16m" of=df16 bs=1M conv=fsync status=none
read -r _ used2 _ < <(df -P -k . | awk 'NR==2{print $2, $3, $4}')
ge "df: used grows by >= 8 MiB after writing 16 MiB" "$(( ${used2:-0} - ${used:-0} ))" 8192
rm df16; sync
read -r _ used3 _ < <(df -P -k . | awk 'NR==2{print $2, $3, $4}')
# (>= 8 MiB of 16, not "any": a stand-in's df is that of a file system shared with the host)
ge "df: used shrinks by >= 8 MiB after the delete" "$(( ${used2:-0} - ${used3:-0} ))" 8192
t "df -i runs" df -i .

cd / || true
t "rm -r the work directory" rm -r "$W"
t "work directory gone" test ! -e "$W"
summary
