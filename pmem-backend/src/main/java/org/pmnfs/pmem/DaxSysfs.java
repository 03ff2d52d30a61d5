package org.pmnfs.pmem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sizes a device-DAX node ({@code /dev/daxX.Y}) from sysfs: such a character device reports size
 * 0 through {@code FileChannel.size()} and supports only mmap, so its size and mapping alignment
 * come from {@code /sys/dev/char/MAJ:MIN/} or {@code /sys/bus/dax/devices/daxX.Y/}.
 */
final class DaxSysfs {

    /** The default alignment of a device-DAX mapping (2 MiB, the usual dax region align). */
    static final long DEFAULT_ALIGN = 2L << 20;

    private final Path sysRoot;

    DaxSysfs(Path sysRoot) {
        this.sysRoot = sysRoot;
    }

    static DaxSysfs system() {
        return new DaxSysfs(Path.of("/sys"));
    }

    /** True when {@code path} names a device-DAX node by its name (daxN.M). */
    static boolean looksLikeDeviceDax(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).matches("dax\\d+\\.\\d+");
    }

    /** The device's size in bytes; fails naming every sysfs file it tried. */
    long size(Path device) throws PoolException {
        return readNumber(device, "size");
    }

    /** The mapping alignment in bytes, or {@link #DEFAULT_ALIGN} when sysfs does not say. */
    long align(Path device) {
        try {
            long a = readNumber(device, "align");
            return a > 0 ? a : DEFAULT_ALIGN;
        } catch (PoolException e) {
            return DEFAULT_ALIGN;
        }
    }

    private long readNumber(Path device, String attribute) throws PoolException {
        List<Path> tried = new ArrayList<>();
        for (Path dir : candidateDirs(device)) {
            Path f = dir.resolve(attribute);
            tried.add(f);
            try {
                if (Files.isReadable(f)) {
                    String text = Files.readString(f).trim();
                    return text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
                }
            } catch (IOException | NumberFormatException e) {
                throw new PoolException(PoolException.Reason.UNSUPPORTED_DEVICE,
                        "cannot read the " + attribute + " of device-DAX " + device + " from " + f + ": " + e.getMessage(), e);
            }
        }
        throw new PoolException(PoolException.Reason.UNSUPPORTED_DEVICE, "cannot find the " + attribute
                + " of device-DAX " + device + " in sysfs (tried " + tried + "); is the dax driver loaded?");
    }

    private List<Path> candidateDirs(Path device) {
        List<Path> dirs = new ArrayList<>();
        try {
            Object rdev = Files.getAttribute(device, "unix:rdev");
            if (rdev instanceof Long dev) {
                long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
                long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
                dirs.add(sysRoot.resolve("dev/char/" + major + ":" + minor));
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // Not a unix file system view; fall back to the name.
        }
        String name = device.getFileName() == null ? "" : device.getFileName().toString();
        dirs.add(sysRoot.resolve("bus/dax/devices/" + name));
        dirs.add(sysRoot.resolve("class/dax/" + name));
        return dirs;
    }
}
