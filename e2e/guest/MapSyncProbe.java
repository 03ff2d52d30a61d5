import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Probes whether a file can be mapped with MAP_SYNC (ExtendedMapMode.READ_WRITE_SYNC), which
 * Linux allows only on DAX files; prints "MAP_SYNC OK" or "MAP_SYNC unsupported: reason".
 * Run with the single-file launcher: java MapSyncProbe.java FILE
 */
final class MapSyncProbe {
    private static final long SIZE = 1 << 20;

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             Arena arena = Arena.ofConfined()) {
            ch.truncate(SIZE);
            MemorySegment seg;
            try {
                seg = ch.map(jdk.nio.mapmode.ExtendedMapMode.READ_WRITE_SYNC, 0, SIZE, arena);
            } catch (IOException e) {
                System.out.println("MAP_SYNC unsupported: " + e.getMessage());
                return;
            }
            seg.set(ValueLayout.JAVA_LONG, 0, 0x706d6e6673L);
            seg.force();
            System.out.println("MAP_SYNC OK");
        }
    }
}
