package org.fairhunt.speech.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.speech.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {

    @TempDir
    Path tmp;

    @Test
    void sixteenBitRoundTripIsExactAndKeepsTheComment() throws Exception {
        float[] x = {0f, 0.5f, -0.5f, 32767 / 32768f, -1f};
        Path f = tmp.resolve("a.wav");
        WavFile.write(f, new Audio(x, 8000), "condition=gain:db=0");
        Audio back = WavFile.read(f);
        assertEquals(8000, back.sampleRate());
        for (int k = 0; k < x.length; k++) {
            assertEquals(x[k], back.samples()[k], 0f);
        }
        assertTrue(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.US_ASCII).contains("condition=gain:db=0"));
    }

    @Test
    void sharedWavIsSixteenKilohertzAtMinus26DbfsSpeechRms() {
        Audio a = WavFile.read(TestData.speechDir().resolve("wav/awb_clean_s01.wav"));
        assertEquals(16000, a.sampleRate());
        // README: every clean utterance has speech RMS -26.0 dBFS (over the trimmed speech, padding excluded)
        assertEquals(-26.0, Signals.db(Signals.speechRms(a.samples())), 0.3);
    }

    private static byte[] header(int format, int channels, int rate, int bits, byte[] data) {
        int align = channels * bits / 8;
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * align).putShort((short) align).putShort((short) bits);
        b.put("data".getBytes()).putInt(data.length).put(data);
        return b.array();
    }

    @Test
    void stereoTwentyFourBitIsAveragedToMono() {
        // one frame: left = +0.5 (0x400000), right = -0.25 (0xE00000) -> mean 0.125
        byte[] data = {0x00, 0x00, 0x40, 0x00, 0x00, (byte) 0xE0};
        Audio a = WavFile.read(header(1, 2, 44100, 24, data), "st.wav");
        assertEquals(1, a.length());
        assertEquals(0.125f, a.samples()[0], 1e-7f);
    }

    @Test
    void muLawIsRefusedAsNotPcm() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> WavFile.read(header(7, 1, 8000, 8, new byte[4]), "phone.wav"));
        assertTrue(e.getMessage().startsWith("phone.wav: not PCM: WAV encoding 7 (µ-law)"), e.getMessage());
    }

    @Test
    void nonWavIsRefused() {
        assertTrue(assertThrows(DataFormatException.class, () -> WavFile.read("hello world, not audio".getBytes(), "x.wav"))
                .getMessage().contains("not a WAV file"));
    }

    @Test
    void resamplingKeepsAToneAndItsLevel() {
        int n = 16000;
        float[] x = new float[n];
        for (int k = 0; k < n; k++) {
            x[k] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * k / 16000.0));
        }
        Audio down = Signals.resample(new Audio(x, 16000), 8000);
        assertEquals(8000, down.length());
        double p = Signals.tonePower(down.samples(), 1000, 7000, 440, 8000);
        assertEquals(0.125, p, 0.125 * 0.01); // A²/2 = 0.125, within 1 %
    }
}
