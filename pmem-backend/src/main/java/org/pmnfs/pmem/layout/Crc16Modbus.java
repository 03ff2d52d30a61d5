package org.pmnfs.pmem.layout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CRC-16/MODBUS, the super block checksum of ZUFS/PMFS2 (md_zus.c, md.c): reflected polynomial
 * 0xA001 (0x8005), initial value 0xFFFF, no final xor. Check value for "123456789" is 0x4B37.
 */
public final class Crc16Modbus {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xA001 : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc16Modbus() {}

    /** The CRC of {@code length} bytes of {@code segment} from {@code offset}, as an unsigned 16-bit value. */
    public static int compute(MemorySegment segment, long offset, long length) {
        int crc = 0xFFFF;
        for (long i = 0; i < length; i++) {
            int b = segment.get(ValueLayout.JAVA_BYTE, offset + i) & 0xFF;
            crc = (crc >>> 8) ^ TABLE[(crc ^ b) & 0xFF];
        }
        return crc & 0xFFFF;
    }

    /** The CRC of a byte array. */
    public static int compute(byte[] bytes) {
        return compute(MemorySegment.ofArray(bytes), 0, bytes.length);
    }
}
