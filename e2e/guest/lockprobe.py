#!/usr/bin/env python3
"""lockprobe.py - POSIX (fcntl) byte-range locks for the e2e lock tests.

  lockprobe.py try  PATH [ex|sh] [START LEN]   one non-blocking lock attempt; exit 0 if granted
                                                (then released), 11 if refused (EAGAIN), else errno
  lockprobe.py hold PATH DIR [ex|sh] [START LEN]
                                                take the lock (blocking), create DIR/held, wait for
                                                DIR/release, write the time to DIR/released-at, unlock
  lockprobe.py wait PATH DIR [ex|sh] [START LEN]
                                                blocking lock; write the time it was granted to
                                                DIR/granted-at, then unlock
LEN 0 means to the end of the file. Times are seconds since the epoch (time.time()).
"""
import errno
import fcntl
import os
import sys
import time


def lock_args(argv):
    kind = fcntl.LOCK_EX if (argv[0] if argv else "ex") == "ex" else fcntl.LOCK_SH
    start = int(argv[1]) if len(argv) > 1 else 0
    length = int(argv[2]) if len(argv) > 2 else 0
    return kind, start, length


def stamp(path):
    with open(path + ".tmp", "w") as f:
        f.write("%.3f\n" % time.time())
    os.rename(path + ".tmp", path)


def main(argv):
    cmd, path = argv[1], argv[2]
    mode = os.O_RDWR
    if cmd == "try":
        kind, start, length = lock_args(argv[3:])
        fd = os.open(path, mode)
        try:
            fcntl.lockf(fd, kind | fcntl.LOCK_NB, length, start)
        except OSError as e:
            print("refused: %s" % os.strerror(e.errno))
            return e.errno
        fcntl.lockf(fd, fcntl.LOCK_UN, length, start)
        print("granted")
        return 0
    d = argv[3]
    kind, start, length = lock_args(argv[4:])
    fd = os.open(path, mode)
    if cmd == "hold":
        fcntl.lockf(fd, kind, length, start)
        open(os.path.join(d, "held"), "w").close()
        while not os.path.exists(os.path.join(d, "release")):
            time.sleep(0.05)
        stamp(os.path.join(d, "released-at"))
        fcntl.lockf(fd, fcntl.LOCK_UN, length, start)
        return 0
    if cmd == "wait":
        fcntl.lockf(fd, kind, length, start)
        stamp(os.path.join(d, "granted-at"))
        fcntl.lockf(fd, fcntl.LOCK_UN, length, start)
        return 0
    print("usage: see the docstring", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
