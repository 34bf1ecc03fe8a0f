package org.fairhunt.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.fairhunt.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadInputStreamTest {

    @Test
    void passes_every_byte_through_in_order() throws IOException {
        byte[] data = new byte[5 * (1 << 20) + 12345];
        new SplittableRandom(3).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReadAheadInputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data))) {
            byte[] buf = new byte[7777];
            int first = in.read();
            out.write(first);
            for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
                out.write(buf, 0, n);
            }
            assertEquals(-1, in.read());
        }
        assertArrayEquals(data, out.toByteArray());
    }

    @Test
    void a_failure_on_the_reading_thread_reaches_the_reader_after_the_bytes_before_it() throws IOException {
        IOException boom = new IOException("disk on fire");
        InputStream failing = new InputStream() {
            private int left = 1000;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return 'x';
                }
                throw boom;
            }
        };
        try (ReadAheadInputStream in = new ReadAheadInputStream(failing)) {
            byte[] buf = new byte[4096];
            int total = 0;
            IOException e = null;
            try {
                for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
                    total += n;
                }
            } catch (IOException caught) {
                e = caught;
            }
            assertEquals(1000, total);
            assertSame(boom, e);
        }
    }

    @Test
    void a_truncated_gzip_file_is_a_user_error(@TempDir Path tmp) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            StringBuilder sb = new StringBuilder("a,b\n");
            for (int i = 0; i < 100_000; i++) {
                sb.append(i).append(',').append(i * 7 % 1000).append('\n');
            }
            out.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] all = gz.toByteArray();
        Path file = tmp.resolve("cut.csv.gz");
        Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
        UserInputException e = assertThrows(UserInputException.class, () -> TableReaders.read(file));
        assertEquals(file + ": the file ends unexpectedly (truncated gzip data?)", e.getMessage());
    }
}
