package io.shmlane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class FileModesTest {
    @Test
    void shouldParseOctalModesWithOrWithoutLeadingZero() {
        assertThat(FileModes.parseOctal("0600")).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(FileModes.parseOctal("660")).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
        assertThat(FileModes.parseOctal("0755")).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void shouldFormatPermissionsAsFourOctalDigits() {
        assertThat(FileModes.toOctal(PosixFilePermissions.fromString("rw-------")))
                .isEqualTo("0600");
        assertThat(FileModes.toOctal(PosixFilePermissions.fromString("rw-r---w-")))
                .isEqualTo("0642");
        assertThat(FileModes.toOctal(FileModes.parseOctal("0751"))).isEqualTo("0751");
    }

    @Test
    void shouldRejectTextThatIsNotAThreeDigitOctalMode() {
        for (String bad : new String[] {"0x9", "0680", "rw-------", "06600", "", "60"}) {
            assertThatThrownBy(() -> FileModes.parseOctal(bad))
                    .as(bad)
                    .isInstanceOf(ChannelException.class)
                    .hasMessageContaining("3 octal digits")
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
