package io.hvmigrate.sim.wsman.auth.ntlm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An AV_PAIR list ([MS-NLMP] 2.2.2.1): the target information of a challenge and of an NTLMv2 response. */
final class AvPairs {

    static final int EOL = 0;
    static final int NB_COMPUTER_NAME = 1;
    static final int NB_DOMAIN_NAME = 2;
    static final int DNS_COMPUTER_NAME = 3;
    static final int DNS_DOMAIN_NAME = 4;
    static final int DNS_TREE_NAME = 5;
    static final int FLAGS = 6;
    static final int TIMESTAMP = 7;
    static final int TARGET_NAME = 9;
    static final int CHANNEL_BINDINGS = 10;

    /** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
    static final int FLAG_MIC_PRESENT = 0x2;

    private final Map<Integer, byte[]> values;

    private AvPairs(Map<Integer, byte[]> values) {
        this.values = values;
    }

    /** Parses pairs starting at {@code offset} up to MsvAvEOL or the end of {@code data}. */
    static AvPairs parse(byte[] data, int offset) throws NtlmFormatException {
        Map<Integer, byte[]> values = new LinkedHashMap<>();
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int position = offset;
        while (position + 4 <= data.length) {
            int id = buffer.getShort(position) & 0xFFFF;
            int length = buffer.getShort(position + 2) & 0xFFFF;
            position += 4;
            if (id == EOL) {
                return new AvPairs(values);
            }
            if (position + length > data.length) {
                throw new NtlmFormatException("AV pair runs past the end of the message");
            }
            byte[] value = new byte[length];
            System.arraycopy(data, position, value, 0, length);
            values.putIfAbsent(id, value);
            position += length;
        }
        throw new NtlmFormatException("AV pair list has no MsvAvEOL");
    }

    static Builder builder() {
        return new Builder();
    }

    Optional<byte[]> get(int id) {
        return Optional.ofNullable(values.get(id)).map(byte[]::clone);
    }

    /** MsvAvFlags, 0 when absent. */
    int flags() {
        byte[] value = values.get(FLAGS);
        if (value == null || value.length < 4) {
            return 0;
        }
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Builder add(int id, byte[] value) {
            ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            header.putShort((short) id).putShort((short) value.length);
            out.writeBytes(header.array());
            out.writeBytes(value);
            return this;
        }

        byte[] build() {
            add(EOL, new byte[0]);
            return out.toByteArray();
        }
    }
}
