package io.hvmigrate.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityDescriptorTest {
    static final String A = "S-1-5-21-3623811015-3361044348-30300820-1013";
    static final String B = "S-1-5-21-3623811015-3361044348-30300820-1014";

    @Test
    void sidsRoundTripThroughTheirBinaryForm() {
        byte[] b = SecurityDescriptor.sid(A);
        assertThat(HexFormat.of().formatHex(b)).startsWith("010500000000000515000000");
        assertThat(SecurityDescriptor.sidAt(b, 0)).isEqualTo(A);
    }

    @Test
    void aNewDescriptorAllowsExactlyTheGivenSids() throws Exception {
        assertThat(SecurityDescriptor.allowedSids(SecurityDescriptor.allowing(List.of(A, B)))).containsExactly(A, B);
    }

    @Test
    void mergeKeepsTheAcesThereAndAddsOnlyNewSids() throws Exception {
        byte[] merged = SecurityDescriptor.merge(SecurityDescriptor.allowing(List.of(A)), List.of(B, A));

        assertThat(SecurityDescriptor.allowedSids(merged)).containsExactly(A, B);
        assertThat(SecurityDescriptor.sidAt(merged, 20)).as("owner kept").isEqualTo(SecurityDescriptor.BUILTIN_ADMINISTRATORS);
    }

    @Test
    void aTruncatedDescriptorIsRefusedNotOverwritten() {
        byte[] sd = SecurityDescriptor.allowing(List.of(A));
        byte[] cut = java.util.Arrays.copyOf(sd, sd.length - 6);
        assertThatThrownBy(() -> SecurityDescriptor.merge(cut, List.of(B))).isInstanceOf(SecurityDescriptor.Malformed.class);
    }
}
