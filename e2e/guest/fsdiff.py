#!/usr/bin/python3
"""fsdiff.py - differential file-system test: seeded random sequences of file-system calls,
run on an oracle mount (the kernel nfsd) and on target mounts (pmnfs), then compared call by call.

usage:
  fsdiff.py run --mount NAME=DIR [--mount NAME=DIR ...] [--seeds FIRST:COUNT] [--calls N]
                [--records DIR] [--keep-trees]
      The first --mount is the oracle. Each seed's sequence runs on the oracle, then on every
      other mount, and each target's record is compared with the oracle's. Prints one TAP line
      per (target, seed), the details of every difference, and last
      "differential: N passed, M failed". Exit 0 when no difference is left after the
      inherent ones (INHERENT below) are set aside.
  fsdiff.py show --seed S [--calls N]
      Print seed S's call sequence without running it.

Runs as root. Each call is made as one of five identities (root and four unprivileged users
with supplementary groups; IDENTITIES): the process takes the identity's groups, gid and uid
for the call and drops them after it. Open descriptors live in slots of their identity across
calls. Before and after each call, as root, it lstat()s the objects the call names, the objects
a followed symlink leads to, and the directories where the call adds or removes an entry;
descriptor calls fstat() the descriptor. The record keeps, per object, type, mode, uid, gid,
nlink, size (not for directories), device numbers, whether it is still the same object, and
whether mtime and ctime changed (never the values of times or inode numbers). A sequence ends
with every descriptor closed and a snapshot of its tree (modes, owners, sizes, link targets and
a hash of each regular file's bytes).

The sequence of a seed never depends on results, so both sides get the same calls; once they
diverge, later calls may differ as a consequence, so the first difference is shown in full.
"""

import argparse
import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import random
import shutil
import stat
import sys
import time

# ---------------------------------------------------------------------------------------------
# Differences of this server that are inherent (by design or by the protocol), not bugs. Each is
# set aside by the comparison and counted; everything else fails the phase. Keep this list and
# the README's known limits in step. A rule is (name, reason, predicate(op, key, oracle, target))
# where key is the dotted path of the differing field ("r", "o.d0/a.m", "x.atime", ...).
INHERENT = [
]

# Fields never compared, because they are not semantics of the file system:
#  - inode numbers and times' values (only "did mtime/ctime change" is kept, and the values set
#    explicitly by utimensat);
#  - a directory's st_size (each file system counts its own bytes per entry);
#  - st_blocks and st_dev;
#  - atime (no read is made; READ does not update atime on pmnfs, a known limit);
#  - names of the client's silly-renamed files (.nfsXXXX, which embed the server's fileid).

IDENTITIES = {          # name: (uid, gid, supplementary groups)
    "root": (0, 0, []),
    "u1000": (1000, 1000, [1000, 2000]),
    "u1001": (1001, 1001, [1001, 2000, 3000]),
    "u1002": (1002, 2000, [2000]),
    "u1003": (1003, 3000, []),
}
USERS = [n for n in IDENTITIES if n != "root"]
UIDS = [0, 1000, 1001, 1002, 1003]
GIDS = [0, 1000, 1001, 2000, 3000, 4000]
SLOTS = 3                       # descriptor slots per identity

POOL = ["a", "b", "c", "d0", "d1", "d0/a", "d0/b", "d0/d2", "d0/d2/a", "d1/a", "d1/d0"]
FRESH = ["e", "f", "d0/e", "d1/e", "d0/d2/e"]      # names used more often as destinations
LINK_TARGETS = ["a", "b", "d0", "d0/a", "../a", "../d0", "d2/a", "nosuch", "d0/d2/../a", "t" * 200]
SPECIAL = [0, 0o4000, 0o2000, 0o1000, 0o6000, 0o7000, 0o5000, 0o3000]
PERMS = [0o777, 0o755, 0o745, 0o775, 0o700, 0o644, 0o600, 0o666, 0o000, 0o710, 0o070, 0o707, 0o567, 0o754]
WRITE_LENGTHS = [1, 10, 100, 4096, 5000]
WRITE_OFFSETS = [0, 1, 4095, 4096, 65536, 100000]
SIZES = [0, 1, 5, 4096, 10000, 200000]
TIME_SECONDS = [0, 1, 86400, 1_000_000_000, 1_700_000_000, 2**31 - 1, 2**31, 2**32 - 1, 2**32 + 5, -1, -86400]
DEVICES = [(1, 3), (8, 17), (240, 1)]
OPS = [("open", 14), ("write", 10), ("close", 4), ("ftruncate", 3), ("fchmod", 2), ("fchown", 2),
       ("truncate", 4), ("chmod", 10), ("chown", 10), ("link", 4), ("symlink", 4), ("rename", 6),
       ("unlink", 5), ("rmdir", 3), ("mkdir", 5), ("mknod", 4), ("utimensat", 6),
       ("read", 4), ("access", 4), ("listdir", 3)]

# A call needs at least one clock tick of the oracle's file system between it and the change
# before it, or "did ctime change" reads false there: tmpfs on Linux 6.1 stamps times from the
# coarse clock (one jiffy, 4 ms at HZ=250). pmnfs's clock has nanoseconds.
TICK_SLEEP = 0.006
DRAIN_LIMIT = 15.0              # seconds to wait for the client's asynchronous silly-delete

UTIME_NOW = (1 << 30) - 1
UTIME_OMIT = (1 << 30) - 2
AT_FDCWD = -100
AT_SYMLINK_NOFOLLOW = 0x100
AT_EACCESS = 0x200


# ------------------------------------------------------------------------------ the sequence
def mode_choice(rng):
    return rng.choice(SPECIAL) | rng.choice(PERMS)


def who_choice(rng):
    return "root" if rng.random() < 0.3 else rng.choice(USERS)


def id_choices(rng, who):
    uid, gid, groups = IDENTITIES[who]
    u = rng.choice([uid, uid] + UIDS)
    g = rng.choice([gid, gid] + groups + GIDS)
    kind = rng.random()
    if kind < 0.4:
        return -1, g                       # chgrp
    if kind < 0.6:
        return u, -1                       # chown of the owner only
    return u, g


def open_flags(rng):
    f = rng.choice([os.O_RDONLY, os.O_WRONLY, os.O_RDWR])
    for flag, p in ((os.O_CREAT, 0.65), (os.O_EXCL, 0.2), (os.O_TRUNC, 0.25), (os.O_APPEND, 0.25),
                    (os.O_NOFOLLOW, 0.05), (os.O_DIRECTORY, 0.05)):
        if rng.random() < p:
            f |= flag
    return f


def setup_ops(rng):
    """The start of every sequence: a small tree with owners, groups and special bits."""
    return [
        ("root", "mkdir", ("d0", 0o777)),
        ("root", "chown", ("d0", 1000, 2000, True)),
        ("root", "mkdir", ("d1", 0o777)),
        ("root", "chmod", ("d1", rng.choice([0o1777, 0o777, 0o3777]), True)),
        ("root", "mkdir", ("d0/d2", 0o777)),
        ("root", "chmod", ("d0/d2", rng.choice([0o2777, 0o2775, 0o777]), True)),
        ("root", "chown", ("d0/d2", 1002, 3000, True)),
        ("root", "open", (0, "a", os.O_CREAT | os.O_RDWR, 0o644)),
        ("root", "write", (0, 10, None)),
        ("root", "close", (0,)),
        ("root", "chmod", ("a", rng.choice([0o4777, 0o6777, 0o2777, 0o2767, 0o755]), True)),
        ("u1000", "open", (0, "d0/a", os.O_CREAT | os.O_WRONLY, rng.choice([0o666, 0o6777, 0o644]))),
        ("u1000", "write", (0, 100, None)),
        ("u1000", "close", (0,)),
        ("u1001", "open", (0, "d1/a", os.O_CREAT | os.O_WRONLY, mode_choice(rng))),
        ("u1001", "close", (0,)),
    ]


def random_op(rng, opened):
    """One random call. `opened` lists the (identity, slot) pairs earlier opens used, latest last:
    descriptor calls mostly pick one of those (whether the open succeeded or not)."""
    op = rng.choices([o for o, _ in OPS], weights=[w for _, w in OPS])[0]
    who = who_choice(rng)
    slot = rng.randrange(SLOTS)
    path = rng.choice(POOL + FRESH)
    dest = rng.choice(FRESH) if rng.random() < 0.4 else rng.choice(POOL)
    if op in ("write", "read", "close", "ftruncate", "fchmod", "fchown") and opened and rng.random() < 0.9:
        who, slot = opened[-1] if rng.random() < 0.5 else rng.choice(opened[-3:])
    if op == "open":
        if (who, slot) in opened:
            opened.remove((who, slot))
        opened.append((who, slot))
        return who, op, (slot, dest if rng.random() < 0.3 else path, open_flags(rng), mode_choice(rng))
    if op == "write":
        off = None if rng.random() < 0.6 else rng.choice(WRITE_OFFSETS)
        return who, op, (slot, rng.choice(WRITE_LENGTHS), off)
    if op == "read":
        return who, op, (slot, rng.choice([1, 100, 5000]), rng.choice([0, 0, 5, 4096, 99990]))
    if op == "access":
        return who, op, (path, rng.random() < 0.2)
    if op == "listdir":
        return who, op, (rng.choice(["."] + POOL),)
    if op == "close":
        if (who, slot) in opened:
            opened.remove((who, slot))
        return who, op, (slot,)
    if op == "ftruncate":
        return who, op, (slot, rng.choice(SIZES))
    if op == "fchmod":
        return who, op, (slot, mode_choice(rng))
    if op == "fchown":
        u, g = id_choices(rng, who)
        return who, op, (slot, u, g)
    if op == "truncate":
        return who, op, (path, rng.choice(SIZES))
    if op == "chmod":
        return who, op, (path, mode_choice(rng), True)
    if op == "chown":
        u, g = id_choices(rng, who)
        return who, op, (path, u, g, rng.random() < 0.7)   # False: lchown
    if op == "link":
        return who, op, (path, dest)
    if op == "symlink":
        return who, op, (rng.choice(LINK_TARGETS), dest)
    if op == "rename":
        return who, op, (path, dest)
    if op in ("unlink", "rmdir"):
        return who, op, (path,)
    if op == "mkdir":
        return who, op, (dest, mode_choice(rng))
    if op == "mknod":
        r = rng.random()
        kind = stat.S_IFIFO if r < 0.6 else stat.S_IFSOCK if r < 0.7 else stat.S_IFCHR if r < 0.85 else stat.S_IFBLK
        if kind in (stat.S_IFCHR, stat.S_IFBLK) and rng.random() < 0.7:
            who = "root"                    # devices mostly as root; users get EPERM
        return who, op, (dest, kind | mode_choice(rng), rng.choice(DEVICES))
    if op == "utimensat":
        if rng.random() < 0.1:
            times = None
        else:
            times = tuple(rng.choice(["now", "omit", "set", "set"]) for _ in range(2))
            times = tuple((rng.choice(TIME_SECONDS), rng.randrange(1_000_000_000)) if t == "set" else t for t in times)
        return who, op, (path, times, rng.random() < 0.2)
    raise AssertionError(op)


def sequence(seed, calls):
    """The calls of a seed: the setup, then `calls` random ones. Independent of any result."""
    rng = random.Random(seed)
    umask = rng.choice([0, 0o022, 0o002])
    ops = setup_ops(rng)
    opened = []
    ops += [random_op(rng, opened) for _ in range(calls)]
    return umask, ops


def describe(call):
    who, op, a = call
    if op == "open":
        return f"open({a[1]!r}, {flag_names(a[2])}, {a[3]:#o}) -> #{a[0]}"
    if op == "write":
        return f"write(#{a[0]}, {a[1]} bytes{'' if a[2] is None else f' at {a[2]}'})"
    if op in ("close",):
        return f"close(#{a[0]})"
    if op == "ftruncate":
        return f"ftruncate(#{a[0]}, {a[1]})"
    if op == "read":
        return f"pread(#{a[0]}, {a[1]}, {a[2]})"
    if op == "access":
        return f"faccessat({a[0]!r}, R|W|X each, AT_EACCESS{'|NOFOLLOW' if a[1] else ''})"
    if op == "fchmod":
        return f"fchmod(#{a[0]}, {a[1]:#o})"
    if op == "fchown":
        return f"fchown(#{a[0]}, {a[1]}, {a[2]})"
    if op == "chmod":
        return f"chmod({a[0]!r}, {a[1]:#o})"
    if op == "chown":
        return f"{'chown' if a[3] else 'lchown'}({a[0]!r}, {a[1]}, {a[2]})"
    if op == "mkdir":
        return f"mkdir({a[0]!r}, {a[1]:#o})"
    if op == "mknod":
        return f"mknod({a[0]!r}, {stat.filemode(a[1])[0]}{a[1] & 0o7777:#o}, {a[2][0]}:{a[2][1]})"
    if op == "utimensat":
        return f"utimensat({a[0]!r}, {a[1]}{', NOFOLLOW' if a[2] else ''})"
    return f"{op}({', '.join(repr(x) for x in a)})"


def flag_names(f):
    acc = {os.O_RDONLY: "O_RDONLY", os.O_WRONLY: "O_WRONLY", os.O_RDWR: "O_RDWR"}[f & os.O_ACCMODE]
    names = [acc] + [n for n in ("O_CREAT", "O_EXCL", "O_TRUNC", "O_APPEND", "O_NOFOLLOW", "O_DIRECTORY")
                     if f & getattr(os, n)]
    return "|".join(names)


# ------------------------------------------------------------------------------ observation
def ename(e):
    return errno.errorcode.get(e, str(e))


def type_char(m):
    return {stat.S_IFREG: "f", stat.S_IFDIR: "d", stat.S_IFLNK: "l", stat.S_IFIFO: "p",
            stat.S_IFSOCK: "s", stat.S_IFCHR: "c", stat.S_IFBLK: "b"}.get(stat.S_IFMT(m), "?")


def raw_stat(path, follow):
    """An os.stat_result, or the errno name."""
    try:
        return os.stat(path) if follow else os.lstat(path)
    except OSError as e:
        return ename(e.errno)


def summary(after, before):
    """What the record keeps of an object: no inode numbers, no times' values."""
    if isinstance(after, str):
        return after
    t = type_char(after.st_mode)
    d = {"t": t, "m": f"{after.st_mode & 0o7777:04o}", "u": after.st_uid, "g": after.st_gid, "n": after.st_nlink}
    if t != "d":
        d["s"] = after.st_size
    if t in "cb":
        d["dev"] = [os.major(after.st_rdev), os.minor(after.st_rdev)]
    if before is None:
        pass
    elif isinstance(before, str):
        d["new"] = True
    elif before.st_ino != after.st_ino:
        d["other"] = True               # a different object than before the call
    else:
        d["mc"] = before.st_mtime_ns != after.st_mtime_ns
        d["cc"] = before.st_ctime_ns != after.st_ctime_ns
    return d


def parent(p):
    return os.path.dirname(p) or "."


def involved(call):
    """What a call may change: [(path, follow)], where follow says that a symlink there is
    followed (the object it leads to is observed too). Directories count only when the call
    may add or remove an entry in them: a call costs about 3 RPCs per object observed twice."""
    who, op, a = call
    if op == "open":
        objs = [(a[1], not a[2] & os.O_NOFOLLOW)]
        dirs = [parent(a[1])] if a[2] & os.O_CREAT else []
    elif op in ("truncate", "chmod", "utimensat"):
        objs = [(a[0], not (op == "utimensat" and a[2]))]
        dirs = []
    elif op == "chown":
        objs = [(a[0], a[3])]
        dirs = []
    elif op in ("unlink", "rmdir", "mkdir", "mknod"):
        objs = [(a[0], False)]
        dirs = [parent(a[0])]
    elif op == "link":
        objs = [(a[0], False), (a[1], False)]
        dirs = [parent(a[1])]
    elif op == "rename":
        objs = [(a[0], False), (a[1], False)]
        dirs = [parent(a[0]), parent(a[1])]
    elif op == "symlink":
        objs = [(a[1], False)]
        dirs = [parent(a[1])]
    else:
        objs, dirs = [], []
    out = []
    for p in objs + [(d, False) for d in dirs]:
        if p[0] not in [q for q, _ in out]:
            out.append(p)
    return out


# ------------------------------------------------------------------------------ the caller
class Caller:
    """Makes the calls, each as its identity, and keeps open descriptors in (identity, slot) slots.

    The process stays root (real and saved uid 0) and takes a call's identity only for the call:
    groups, then effective gid, then effective uid (which also sets the fs ids the NFS client
    sends, and clears the effective capabilities, as for a real user); back to root after it."""

    def __init__(self):
        os.setgroups([])
        self.fds = {}
        self.libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)

    def call(self, who, op, args):
        """(result, extra): result 0, a return value, or the errno's name."""
        uid, gid, groups = IDENTITIES[who]
        if uid != 0:
            os.setgroups(groups)
            os.setresgid(-1, gid, -1)
            os.setresuid(-1, uid, -1)
        try:
            return getattr(self, "op_" + op)(who, *args)
        except OSError as e:
            return ename(e.errno), {}
        finally:
            if uid != 0:
                os.setresuid(-1, 0, -1)
                os.setresgid(-1, 0, -1)
                os.setgroups([])

    def held_inodes(self):
        out = set()
        for fd in self.fds.values():
            try:
                out.add(os.fstat(fd).st_ino)
            except OSError:
                pass
        return out

    def close_all(self):
        """Close every slot: the results, and the silly-renamed names the client may now delete."""
        res, silly = {}, []
        for key in sorted(self.fds):
            r, s = self.close_slot(key)
            res[f"{key[0]}#{key[1]}"] = r
            silly += s
        return res, silly

    def close_slot(self, key):
        """Close a slot: (result, [silly-renamed name]): the NFS client renames a file that is
        removed while open to .nfsXXXX, and deletes it after the last close."""
        fd = self.fds.pop(key)
        silly = []
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
            if os.path.basename(target).startswith(".nfs"):
                silly.append(target)
        except OSError:
            pass
        try:
            os.close(fd)
            return 0, silly
        except OSError as e:
            return ename(e.errno), silly

    def fd_op(self, who, slot, fn):
        """Run fn(fd) with fstat before and after; 'noslot' when the slot is empty."""
        fd = self.fds.get((who, slot))
        if fd is None:
            return "noslot", {}
        before = raw_fstat(fd)
        try:
            r = fn(fd)
        except OSError as e:
            r = ename(e.errno)
        return r, {"fd": summary(raw_fstat(fd), before)}

    # --- the calls; paths are relative to the working directory (the sequence's base)
    def op_open(self, who, slot, rel, flags, mode):
        extra = {}
        if (who, slot) in self.fds:
            extra["closed"], extra["silly"] = self.close_slot((who, slot))
        try:
            fd = os.open(rel, flags | os.O_NONBLOCK | os.O_NOCTTY, mode)
        except OSError as e:
            return ename(e.errno), extra
        self.fds[(who, slot)] = fd
        extra["fd"] = summary(raw_fstat(fd), None)
        return 0, extra

    def op_close(self, who, slot):
        if (who, slot) not in self.fds:
            return "noslot", {}
        r, silly = self.close_slot((who, slot))
        return r, {"silly": silly}

    def op_write(self, who, slot, length, offset):
        data = bytes((i * 7 + length) & 0xFF for i in range(length))
        if offset is None:
            return self.fd_op(who, slot, lambda fd: os.write(fd, data))
        return self.fd_op(who, slot, lambda fd: os.pwrite(fd, data, offset))

    def op_read(self, who, slot, length, offset):
        def read(fd):
            b = os.pread(fd, length, offset)
            return [len(b), hashlib.sha256(b).hexdigest()[:8]]
        return self.fd_op(who, slot, read)

    def op_access(self, who, rel, nofollow):
        """Which of R_OK, W_OK, X_OK the caller's effective ids hold (the server's ACCESS)."""
        got = ""
        flags = AT_EACCESS | (AT_SYMLINK_NOFOLLOW if nofollow else 0)
        for ch, bit in (("r", os.R_OK), ("w", os.W_OK), ("x", os.X_OK)):
            if self.libc.faccessat(AT_FDCWD, os.fsencode(rel), bit, flags) == 0:
                got += ch
            elif ctypes.get_errno() != errno.EACCES:
                return ename(ctypes.get_errno()), {}
        return got or "-", {}

    def op_listdir(self, who, rel):
        return sorted(n for n in os.listdir(rel) if not n.startswith(".nfs")), {}

    def op_ftruncate(self, who, slot, size):
        return self.fd_op(who, slot, lambda fd: os.ftruncate(fd, size) or 0)

    def op_fchmod(self, who, slot, mode):
        return self.fd_op(who, slot, lambda fd: os.fchmod(fd, mode) or 0)

    def op_fchown(self, who, slot, uid, gid):
        return self.fd_op(who, slot, lambda fd: os.fchown(fd, uid, gid) or 0)

    def op_truncate(self, who, rel, size):
        os.truncate(rel, size)
        return 0, {}

    def op_chmod(self, who, rel, mode, follow):
        os.chmod(rel, mode)
        return 0, {}

    def op_chown(self, who, rel, uid, gid, follow):
        if follow:
            os.chown(rel, uid, gid)
        else:
            os.lchown(rel, uid, gid)
        return 0, {}

    def op_link(self, who, src, dst):
        os.link(src, dst, follow_symlinks=False)
        return 0, {}

    def op_symlink(self, who, target, rel):
        os.symlink(target, rel)
        return 0, {}

    def op_rename(self, who, src, dst):
        os.rename(src, dst)
        return 0, {}

    def op_unlink(self, who, rel):
        os.unlink(rel)
        return 0, {}

    def op_rmdir(self, who, rel):
        os.rmdir(rel)
        return 0, {}

    def op_mkdir(self, who, rel, mode):
        os.mkdir(rel, mode)
        return 0, {}

    def op_mknod(self, who, rel, mode, dev):
        os.mknod(rel, mode, os.makedev(*dev))
        return 0, {}

    def op_utimensat(self, who, rel, times, nofollow):
        ts = None
        if times is not None:
            ts = (ctypes.c_long * 4)()
            for i, t in enumerate(times):
                ts[2 * i], ts[2 * i + 1] = (0, UTIME_NOW) if t == "now" else (0, UTIME_OMIT) if t == "omit" else t
        if self.libc.utimensat(AT_FDCWD, os.fsencode(rel), ts, AT_SYMLINK_NOFOLLOW if nofollow else 0) != 0:
            return ename(ctypes.get_errno()), {}
        return 0, {}


def raw_fstat(fd):
    try:
        return os.fstat(fd)
    except OSError as e:
        return ename(e.errno)


# ------------------------------------------------------------------------------ one run
class Run:
    """One seed's sequence on one mount: the record, one entry per call, then the final tree."""

    def __init__(self, caller, mount, seed):
        self.caller = caller
        self.top = os.path.join(mount, f"diff-{seed}")     # the whole tree of this seed
        self.base = os.path.join(self.top, "w")             # the working directory of the calls
        self.records = []

    @staticmethod
    def observe(paths):
        out = {}
        for p, follow in paths:
            out[p] = raw_stat(p, False)
            if follow and not isinstance(out[p], str) and stat.S_ISLNK(out[p].st_mode):
                out[p + "->"] = raw_stat(p, True)
        return out

    def execute(self, umask, ops):
        if os.path.lexists(self.top):
            shutil.rmtree(self.top)
        os.mkdir(self.top, 0o755)
        os.mkdir(self.base)
        os.chmod(self.base, 0o777)
        os.chdir(self.base)         # relative paths: a shorter walk, fewer calls to the server
        os.umask(umask)
        records = self.records
        for i, call in enumerate(ops):
            who, op, args = call
            paths = involved(call)
            before = self.observe(paths)
            time.sleep(TICK_SLEEP)
            result, extra = self.caller.call(who, op, args)
            silly = extra.pop("silly", [])
            if silly:
                self.drain(silly)
            after = self.observe(paths)
            objs = {p: summary(after[p], before.get(p)) for p in after}
            rec = {"i": i, "r": result, "o": objs}
            if extra:
                rec["x"] = extra
            if op == "utimensat" and result == 0 and args[1] is not None:
                obj = after.get(args[0] if args[2] else args[0] + "->", after.get(args[0]))
                if not isinstance(obj, str) and obj is not None:
                    if isinstance(args[1][0], tuple):
                        rec["atime"] = [obj.st_atime_ns // 10**9, obj.st_atime_ns % 10**9]
                    if isinstance(args[1][1], tuple):
                        rec["mtime"] = [obj.st_mtime_ns // 10**9, obj.st_mtime_ns % 10**9]
            records.append(rec)
        closes, silly = self.caller.close_all()
        self.drain(silly)
        os.chdir("/")
        os.umask(0o022)
        records.append({"i": len(ops), "closeall": closes, "tree": self.tree()})
        return records

    def drain(self, names):
        """The client deletes a silly-renamed file after its last close, asynchronously: wait for
        that (unless another descriptor still holds the file), so that it does not change a
        directory in the middle of a later call."""
        held = self.caller.held_inodes()
        end = time.monotonic() + DRAIN_LIMIT
        for name in names:
            while time.monotonic() < end:
                st = raw_stat(name, False)
                if isinstance(st, str) or st.st_ino in held:
                    break
                time.sleep(0.01)

    def tree(self):
        """Every object under the seed's directory, sorted by path (silly-renamed names left out)."""
        out = {}
        for dirpath, dirnames, filenames in os.walk(self.top):
            dirnames.sort()
            for n in sorted(dirnames + filenames):
                if n.startswith(".nfs"):
                    continue
                full = os.path.join(dirpath, n)
                rel = os.path.relpath(full, self.top)
                st = raw_stat(full, False)
                d = summary(st, None)
                if not isinstance(st, str):
                    if stat.S_ISLNK(st.st_mode):
                        d["target"] = os.readlink(full)
                    elif stat.S_ISREG(st.st_mode):
                        d["sha"] = file_hash(full)
                out[rel] = d
        return out


def file_hash(path):
    """A short hash of a file's bytes (the sequences make files of at most about 200 KB)."""
    try:
        with open(path, "rb", buffering=0) as f:
            h = hashlib.sha256()
            for _ in range(256):                    # 16 MiB at most
                b = f.read(1 << 16)
                if not b:
                    break
                h.update(b)
            return h.hexdigest()[:16]
    except OSError as e:
        return ename(e.errno)


# ------------------------------------------------------------------------------ comparison
def flatten(v, prefix, out):
    if isinstance(v, dict):
        for k in v:
            flatten(v[k], f"{prefix}.{k}" if prefix else str(k), out)
    else:
        out[prefix] = v
    return out


def differences(call, a, b):
    """Differing fields of two records: ([(key, oracle, target)] left, [inherent rule names])."""
    fa, fb = flatten(a, "", {}), flatten(b, "", {})
    left, inherent = [], []
    for k in sorted(set(fa) | set(fb)):
        va, vb = fa.get(k, "<absent>"), fb.get(k, "<absent>")
        if va == vb:
            continue
        rule = next((name for name, _, pred in INHERENT if pred(call, k, va, vb)), None)
        if rule:
            inherent.append(rule)
        else:
            left.append((k, va, vb))
    return left, inherent


def compare(seed, ops, oracle_name, oracle, target_name, target, inherent_counts):
    """The differing calls of a target's record, after setting the inherent ones aside."""
    diffs = []
    for i, (ra, rb) in enumerate(zip(oracle, target)):
        call = ops[i] if i < len(ops) else ("root", "closeall+tree", ())
        left, inh = differences(call, ra, rb)
        for r in inh:
            inherent_counts[r] = inherent_counts.get(r, 0) + 1
        if left:
            diffs.append((i, left))
    if len(oracle) != len(target):
        diffs.append((min(len(oracle), len(target)), [("length", len(oracle), len(target))]))
    return diffs


def show_difference(seed, ops, oracle_name, oracle, target_name, target, diffs):
    i, left = diffs[0]
    print(f"# seed {seed}: calls 0..{i} ({oracle_name} | {target_name}; result of each):")
    for j in range(min(i + 1, len(ops))):
        who, _, _ = ops[j]
        ra, rb = oracle[j]["r"], target[j]["r"]
        mark = "  <<<" if j == i else ""
        print(f"#  {j:3d} {who:6s} {describe(ops[j]):60s} {ra} | {rb}{mark}")
    if i >= len(ops):
        print(f"#  {i:3d} (end: close every descriptor, then the tree)")
    print(f"# call {i}: differing fields:")
    for k, va, vb in left:
        print(f"#    {k}: {oracle_name}={json.dumps(va)} {target_name}={json.dumps(vb)}")
    print(f"# {oracle_name}: {json.dumps(oracle[i], sort_keys=True)}")
    print(f"# {target_name}: {json.dumps(target[i], sort_keys=True)}")
    if len(diffs) > 1:
        later = ", ".join(str(d[0]) for d in diffs[1:21]) + (" ..." if len(diffs) > 21 else "")
        print(f"# later calls that differ too (perhaps as a consequence): {later}")


# ------------------------------------------------------------------------------ main
def save(records_dir, name, seed, umask, ops, rec):
    if not records_dir:
        return
    d = os.path.join(records_dir, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"seed-{seed}.jsonl"), "w") as f:
        f.write(json.dumps({"seed": seed, "umask": umask}) + "\n")
        for j, r in enumerate(rec):
            if j < len(ops):
                r = dict(r, call=[ops[j][0], describe(ops[j])])
            f.write(json.dumps(r, sort_keys=True) + "\n")


def cmd_run(args):
    mounts = []
    for m in args.mount:
        name, _, path = m.partition("=")
        if not path or not os.path.isdir(path):
            sys.exit(f"fsdiff: --mount {m}: not NAME=DIR of an existing directory")
        mounts.append((name, path))
    if len(mounts) < 2:
        sys.exit("fsdiff: give the oracle and at least one target (--mount twice)")
    if os.geteuid() != 0:
        sys.exit("fsdiff: run as root (each call takes its identity from root)")
    first, _, count = args.seeds.partition(":")
    seeds = range(int(first), int(first) + int(count or 1))
    caller = Caller()
    oracle_name, oracle_mount = mounts[0]
    passed = failed = calls = 0
    inherent_counts = {}
    n = 0
    t0, rpcs0 = time.monotonic(), rpc_count()
    try:
        for seed in seeds:
            umask, ops = sequence(seed, args.calls)
            oracle, trouble = attempt(caller, oracle_mount, seed, umask, ops, args)
            save(args.records, oracle_name, seed, umask, ops, oracle)
            calls += len(ops)
            for name, mount in mounts[1:]:
                n += 1
                if trouble:
                    failed += 1
                    print(f"not ok {n} - differential: {name} seed {seed}: the oracle {oracle_name} failed: {trouble}")
                    continue
                target, trouble_t = attempt(caller, mount, seed, umask, ops, args)
                save(args.records, name, seed, umask, ops, target)
                calls += len(ops)
                diffs = [] if trouble_t else compare(seed, ops, oracle_name, oracle, name, target, inherent_counts)
                if trouble_t:
                    failed += 1
                    print(f"not ok {n} - differential: {name} seed {seed}: the run failed: {trouble_t}")
                elif diffs:
                    failed += 1
                    where = f"call {diffs[0][0]}" if diffs[0][0] < len(ops) else "the final tree"
                    keys = ", ".join(k for k, _, _ in diffs[0][1][:4])
                    print(f"not ok {n} - differential: {name} seed {seed}: {where} differs ({keys}); "
                          f"{len(diffs)} differing of {len(ops) + 1}")
                    show_difference(seed, ops, oracle_name, oracle, name, target, diffs)
                else:
                    passed += 1
                    print(f"ok {n} - differential: {name} seed {seed} ({len(ops)} calls, same as {oracle_name})")
            sys.stdout.flush()
    finally:
        caller.close_all()
    for name, reason, _ in INHERENT:
        if inherent_counts.get(name):
            print(f"# inherent difference set aside {inherent_counts[name]} times: {name} ({reason})")
    rpcs = rpc_count() - rpcs0
    print(f"# {len(seeds)} seeds, {calls} calls in all ({oracle_name} and {len(mounts) - 1} target(s)), "
          f"{time.monotonic() - t0:.0f} s, {rpcs} NFS client RPCs ({rpcs / max(calls, 1):.1f} a call)")
    print(f"differential: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def attempt(caller, mount, seed, umask, ops, args):
    """(records, None), or (records so far, why) when the run itself broke (not a difference)."""
    run = Run(caller, mount, seed)
    try:
        records = run.execute(umask, ops)
        trouble = None
    except Exception as e:  # a broken mount or a harness bug: report it, go on with the others
        records, trouble = run.records, f"{type(e).__name__}: {e}"
        caller.close_all()
        os.chdir("/")
    if not args.keep_trees:
        shutil.rmtree(run.top, ignore_errors=True)
    return records, trouble


def rpc_count():
    """RPCs the NFS client has sent so far (all mounts), from /proc/net/rpc/nfs; 0 if unknown."""
    try:
        with open("/proc/net/rpc/nfs") as f:
            for line in f:
                if line.startswith("rpc "):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cmd_show(args):
    umask, ops = sequence(args.seed, args.calls)
    print(f"# seed {args.seed}: umask {umask:03o}")
    for j, c in enumerate(ops):
        print(f"{j:3d} {c[0]:6s} {describe(c)}")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--mount", action="append", default=[], help="NAME=DIR; the first is the oracle")
    r.add_argument("--seeds", default="1:10", help="FIRST:COUNT (default 1:10)")
    r.add_argument("--calls", type=int, default=40, help="random calls per sequence, after the setup (default 40)")
    r.add_argument("--records", help="directory for the records (NAME/seed-S.jsonl)")
    r.add_argument("--keep-trees", action="store_true", help="leave each seed's tree on the mounts")
    s = sub.add_parser("show")
    s.add_argument("--seed", type=int, required=True)
    s.add_argument("--calls", type=int, default=40)
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    return cmd_run(args) if args.cmd == "run" else cmd_show(args)


if __name__ == "__main__":
    sys.exit(main())
