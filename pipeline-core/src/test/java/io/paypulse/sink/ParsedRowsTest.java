package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Level;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentType;
import io.paypulse.files.FileModes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export of events is a parsed CSV file: same header, same cells, CRLF, owner-only mode. */
class ParsedRowsTest {

    @TempDir
    Path dir;

    @Test
    void anExportIsTheParsedCsvsHeaderAndRows() throws Exception {
        ParsedEvent e = new ParsedEvent(Instant.parse("2026-12-03T10:41:30Z"), Level.ERROR, PaymentType.PAYMENT, true,
                "order_00000000abcd", 123_45, "user_004711", "203.0.113.9", null, "-1+2", null);
        Path file = dir.resolve("events.csv");
        ParsedRows.write(file, List.of(e, e), FileModes.PRIVATE);
        String expectedRow = "2026-12-03T10:41:30Z,ERROR,Payment,true,order_00000000abcd,123.45,user_004711,"
                + "203.0.113.9,,'-1+2,\r\n";
        assertThat(Files.readString(file)).isEqualTo(String.join(",", ParsedFormat.HEADER) + "\r\n" + expectedRow
                + expectedRow);
        assertThat(ParsedRows.line(e)).isEqualTo(expectedRow);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
