package org.fairhunt.bounty.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ONNX Runtime's own (coloured) log lines never reach a user's stderr (issue 11 §5). */
class OrtLogTest {
    static String[] run(String mode) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), OrtLogChild.class.getName(), mode).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new String[] {out, err};
    }

    @Test
    void onnx_runtime_log_lines_are_silenced_but_would_appear_at_its_default_level() throws Exception {
        String[] quiet = run("quiet");
        assertEquals("slow.onnx: model ran longer than the program's limit of 300 ms", quiet[0].trim());
        assertEquals("", quiet[1], "stderr of a model run into its time limit");
        String[] shadow = run("shadow");
        assertEquals("loaded", shadow[0].trim(), shadow[1]);
        assertEquals("", shadow[1], "stderr of loading a model that ONNX Runtime warns about");
        // The control: at ONNX Runtime's default level the same run writes its own line, so the test can fail.
        String[] loud = run("default");
        assertEquals("loaded\nterminated", loud[0].trim());
        assertTrue(loud[1].contains("W:onnxruntime") && loud[1].contains("Initializer w appears in graph inputs"),
                "expected ONNX Runtime's own log line at its default level, got: " + loud[1]);
    }
}
