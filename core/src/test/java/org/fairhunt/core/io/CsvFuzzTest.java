package org.fairhunt.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.junit.jupiter.api.Test;

/**
 * Random, mostly malformed delimited input: the reader must either build a table or refuse with a
 * {@link UserInputException}, never fail otherwise, and it must do the same whether the bytes arrive
 * at once or one to three at a time.
 */
class CsvFuzzTest {
    private static final byte[] ALPHABET = "a1,,\"\"\n\r\t;| .\u00e9".getBytes(StandardCharsets.UTF_8);
    private static final String[] HEADERS = {"x\n", "x,y\n", "x;y;z\r\n", "\"x\"\t\"y\"\n", "x|y\r"};

    /** The outcome as text: the cells of the table, or the error message. */
    private static String outcome(InputStream in) {
        try {
            Table t = TableReaders.read(in, "fuzz", Format.CSV, ReadOptions.defaults());
            StringBuilder sb = new StringBuilder(t.columnNames().toString());
            for (Column c : t.columns()) {
                sb.append('\n').append(c.type());
                for (int i = 0; i < c.size(); i++) {
                    sb.append('|').append(c.text(i));
                }
            }
            return sb.toString();
        } catch (UserInputException e) {
            return "error: " + e.getMessage();
        }
    }

    @Test
    void random_bytes_give_a_table_or_a_user_error_the_same_however_they_arrive() {
        SplittableRandom random = new SplittableRandom(11);
        int tables = 0;
        for (int n = 0; n < 1000; n++) {
            // Half the inputs start with a valid header, so that the body decides the outcome.
            byte[] header = random.nextBoolean() ? HEADERS[random.nextInt(HEADERS.length)].getBytes(StandardCharsets.UTF_8) : new byte[0];
            byte[] input = Arrays.copyOf(header, header.length + random.nextInt(40));
            for (int i = header.length; i < input.length; i++) {
                input[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            String whole = outcome(new ByteArrayInputStream(input));
            String trickled = outcome(new TestFiles.Trickle(new ByteArrayInputStream(input), random.nextLong()));
            assertEquals(whole, trickled, () -> "input " + Arrays.toString(input));
            if (!whole.startsWith("error: ")) {
                tables++;
            }
        }
        // Both outcomes occur, so the comparison above is not vacuous (random bodies are mostly ragged).
        assertTrue(tables > 0 && tables < 1000, "tables read: " + tables);
    }
}
