package org.fairhunt.speech.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;

/**
 * sclite's {@code trn} format: one utterance per line, {@code words (utterance-id)}. An utterance with
 * no words is a line holding only {@code (id)}. Blank lines are skipped. Reference-side
 * alternations ({@code {a / b}}) and optionally deletable words ({@code (uh)}) are sclite features we do
 * not score; a line using them is rejected with "not supported" rather than scored differently.
 */
public final class TrnFormat {

    private TrnFormat() {
    }

    public static List<Utterance> read(Path file, SpeakerIds speakers) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), speakers);
        } catch (IOException e) {
            throw new UserInputException(org.fairhunt.core.io.IoMessages.cannotRead(file, e), e);
        }
    }

    public static List<Utterance> read(BufferedReader in, String source, SpeakerIds speakers) throws IOException {
        List<Utterance> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        String line;
        long number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.endsWith(")")) {
                throw new DataFormatException(source, number, trimmed.length(),
                        "expected the line to end with the utterance id in parentheses, e.g. 'the cat sat (spk1_utt1)'");
            }
            int open = trimmed.lastIndexOf('(');
            if (open < 0) {
                throw new DataFormatException(source, number, trimmed.length(),
                        "found ')' at the end of the line but no '(' opening the utterance id");
            }
            String id = trimmed.substring(open + 1, trimmed.length() - 1).strip();
            if (id.isEmpty() || id.indexOf(' ') >= 0 || id.indexOf('\t') >= 0) {
                throw new DataFormatException(source, number, open + 1,
                        "expected a non-empty utterance id without spaces inside the final parentheses, found '(" + id + ")'");
            }
            String text = trimmed.substring(0, open).strip();
            int unsupported = firstUnsupported(text);
            if (unsupported >= 0) {
                throw new DataFormatException(source, number, unsupported + 1,
                        "not supported: sclite alternations '{ a / b }' and optionally deletable words '(word)'; "
                                + "write the reference as plain words");
            }
            Long previous = seen.putIfAbsent(id, number);
            if (previous != null) {
                throw new DataFormatException(source, number, open + 1,
                        "utterance id '" + id + "' already used on line " + previous);
            }
            out.add(new Utterance(id, speakers.speakerOf(id), collapseSpaces(text), source, number));
        }
        return out;
    }

    private static int firstUnsupported(String text) {
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '{' || c == '(' || c == ')' || c == '}') {
                return k;
            }
        }
        return -1;
    }

    static String collapseSpaces(String text) {
        return String.join(" ", text.strip().split("\\s+")).strip();
    }

    /** Writes utterances as trn lines; the text must not contain the characters trn reserves. */
    public static void write(Path file, List<Utterance> utterances) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out, utterances);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void write(Writer out, List<Utterance> utterances) throws IOException {
        for (Utterance u : utterances) {
            String text = collapseSpaces(u.text());
            if (firstUnsupported(text) >= 0) {
                throw new UserInputException("utterance " + u.id() + ": text contains one of ( ) { } which trn reserves: '" + text + "'");
            }
            if (!text.isEmpty()) {
                out.write(text);
                out.write(' ');
            }
            out.write('(');
            out.write(u.id());
            out.write(")\n");
        }
    }
}
