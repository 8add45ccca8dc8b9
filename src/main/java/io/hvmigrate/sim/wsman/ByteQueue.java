package io.hvmigrate.sim.wsman;

import java.util.Arrays;

/** Bytes waiting for a Receive; taken from the front, appended at the back. Not thread-safe. */
final class ByteQueue {

    private byte[] buffer = new byte[0];
    private int start;
    private int end;

    void append(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        if (end + bytes.length > buffer.length) {
            int size = end - start;
            byte[] grown = new byte[Math.max(size + bytes.length, buffer.length * 2)];
            System.arraycopy(buffer, start, grown, 0, size);
            buffer = grown;
            start = 0;
            end = size;
        }
        System.arraycopy(bytes, 0, buffer, end, bytes.length);
        end += bytes.length;
    }

    /** Up to {@code max} bytes from the front. */
    byte[] take(int max) {
        int count = Math.min(Math.max(max, 0), end - start);
        byte[] taken = Arrays.copyOfRange(buffer, start, start + count);
        start += count;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return taken;
    }

    boolean isEmpty() {
        return start == end;
    }
}
