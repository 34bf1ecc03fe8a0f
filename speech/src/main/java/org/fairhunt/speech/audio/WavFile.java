package org.fairhunt.speech.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;

/**
 * RIFF/WAVE reading and writing, by hand so that every unsupported file gets a precise message. Reads
 * integer PCM of 8, 16, 24 or 32 bits and 32-bit IEEE float (also inside WAVE_FORMAT_EXTENSIBLE);
 * several channels are averaged to mono. Compressed encodings (µ-law, A-law, ADPCM, MP3 …) are refused
 * with "not PCM". Writes 16-bit PCM mono, rounding to nearest (no dither) and clipping to the 16-bit range, plus
 * an optional {@code LIST/INFO/ICMT} comment recording how the file was made.
 */
public final class WavFile {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavFile() {
    }

    public static Audio read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserInputException(org.fairhunt.core.io.IoMessages.cannotRead(file, e), e);
        }
        return read(bytes, file.toString());
    }

    public static Audio read(byte[] bytes, String source) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !tag(bytes, 0, "RIFF") || !tag(bytes, 8, "WAVE")) {
            throw new DataFormatException(source, 0, 0, "not a WAV file: expected a RIFF/WAVE header");
        }
        int format = -1, channels = 0, rate = 0, bits = 0, blockAlign = 0;
        int dataOffset = -1, dataLength = 0;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, pos, 4, StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > bytes.length) {
                    throw new DataFormatException(source, 0, 0, "WAV 'fmt ' chunk is too short (" + size + " bytes)");
                }
                format = Short.toUnsignedInt(b.getShort(body));
                channels = Short.toUnsignedInt(b.getShort(body + 2));
                rate = b.getInt(body + 4);
                blockAlign = Short.toUnsignedInt(b.getShort(body + 12));
                bits = Short.toUnsignedInt(b.getShort(body + 14));
                if (format == FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= bytes.length) {
                    format = Short.toUnsignedInt(b.getShort(body + 24)); // first two bytes of the sub-format GUID
                }
            } else if (id.equals("data")) {
                dataOffset = body;
                dataLength = (int) Math.min(size, bytes.length - body); // a truncated file keeps what it has
                break;
            }
            pos = body + (int) size + (int) (size & 1);
        }
        if (format < 0) {
            throw new DataFormatException(source, 0, 0, "WAV file has no 'fmt ' chunk");
        }
        if (format != FORMAT_PCM && format != FORMAT_FLOAT) {
            throw new DataFormatException(source, 0, 0, "not PCM: WAV encoding " + formatName(format)
                    + "; expected integer PCM (format 1) or 32-bit float (format 3) — convert it first, e.g. "
                    + "'sox in.wav -e signed-integer -b 16 out.wav'");
        }
        if (format == FORMAT_FLOAT && bits != 32) {
            throw new DataFormatException(source, 0, 0, "not supported: " + bits + "-bit float WAV; expected 32-bit float");
        }
        if (format == FORMAT_PCM && bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new DataFormatException(source, 0, 0, "not supported: " + bits + "-bit PCM; expected 8, 16, 24 or 32 bits");
        }
        if (channels < 1 || rate <= 0 || blockAlign != channels * bits / 8) {
            throw new DataFormatException(source, 0, 0, "inconsistent WAV header: " + channels + " channel(s), "
                    + rate + " Hz, " + bits + " bits, block align " + blockAlign);
        }
        if (dataOffset < 0) {
            throw new DataFormatException(source, 0, 0, "WAV file has no 'data' chunk");
        }
        int frames = dataLength / blockAlign;
        float[] out = new float[frames];
        int bytesPerSample = bits / 8;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            int base = dataOffset + f * blockAlign;
            for (int c = 0; c < channels; c++) {
                int at = base + c * bytesPerSample;
                sum += switch (bits) {
                    case 8 -> (Byte.toUnsignedInt(bytes[at]) - 128) / 128.0;
                    case 16 -> b.getShort(at) / 32768.0;
                    case 24 -> ((bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | bytes[at + 2] << 16) / 8388608.0;
                    default -> format == FORMAT_FLOAT ? b.getFloat(at) : b.getInt(at) / 2147483648.0;
                };
            }
            out[f] = (float) (sum / channels);
        }
        return new Audio(out, rate);
    }

    private static String formatName(int format) {
        return switch (format) {
            case 2 -> "2 (Microsoft ADPCM)";
            case 6 -> "6 (A-law)";
            case 7 -> "7 (µ-law)";
            case 0x11 -> "0x11 (IMA ADPCM)";
            case 0x55 -> "0x55 (MP3)";
            default -> String.valueOf(format);
        };
    }

    private static boolean tag(byte[] bytes, int at, String tag) {
        return new String(bytes, at, 4, StandardCharsets.US_ASCII).equals(tag);
    }

    /** Writes 16-bit PCM mono; samples beyond [-1, 1) are clipped. */
    public static void write(Path file, Audio audio, String comment) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(toBytes(audio, comment));
        } catch (IOException e) {
            throw new UserInputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static byte[] toBytes(Audio audio, String comment) {
        byte[] info = new byte[0];
        if (comment != null && !comment.isEmpty()) {
            byte[] text = (comment + "\0").getBytes(StandardCharsets.UTF_8);
            int padded = text.length + (text.length & 1);
            ByteBuffer l = ByteBuffer.allocate(12 + padded).order(ByteOrder.LITTLE_ENDIAN);
            l.put("INFO".getBytes(StandardCharsets.US_ASCII)).put("ICMT".getBytes(StandardCharsets.US_ASCII))
                    .putInt(text.length).put(text);
            info = l.array();
        }
        int n = audio.length();
        int dataBytes = n * 2;
        int listBytes = info.length == 0 ? 0 : 8 + info.length;
        ByteBuffer b = ByteBuffer.allocate(44 + listBytes + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + listBytes + dataBytes)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) FORMAT_PCM).putShort((short) 1)
                .putInt(audio.sampleRate()).putInt(audio.sampleRate() * 2).putShort((short) 2).putShort((short) 16);
        if (listBytes > 0) {
            b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(info.length).put(info);
        }
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (float s : audio.samples()) {
            b.putShort(toPcm16(s));
        }
        return b.array();
    }

    static short toPcm16(float s) {
        long v = Math.round(s * 32768.0);
        return (short) Math.max(-32768, Math.min(32767, v));
    }
}
