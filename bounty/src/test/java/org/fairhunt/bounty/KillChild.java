package org.fairhunt.bounty;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;

/**
 * Child process of {@link KillDuringSubmissionTest}: submits the pairs prepared in the program
 * directory round after round, printing a line after each, until it is killed.
 */
public final class KillChild {
    private KillChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String[] groups = Files.readString(dir.resolve("groups.txt")).split("\n");
        int round = 0;
        try (Program p = Program.open(dir)) {
            while (true) {
                for (int k = 0; k < groups.length; k++) {
                    byte[] model = Files.readAllBytes(dir.resolve("h" + k + ".onnx"));
                    p.submit("team" + (round % 7), GroupSpec.cel(groups[k]), model, "h" + k);
                    System.out.println("submitted " + round + " " + k);
                    System.out.flush();
                }
                round++;
            }
        }
    }
}
