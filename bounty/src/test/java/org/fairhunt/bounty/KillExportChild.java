package org.fairhunt.bounty;

import java.nio.file.Path;
import org.fairhunt.bounty.export.ExportedModel;
import org.fairhunt.bounty.program.Program;

/** Child process of {@link KillDuringExportTest}: exports the program to out-N, N = start, start+1, ..., until killed. */
public final class KillExportChild {
    private KillExportChild() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int k = Integer.parseInt(args[1]);
        try (Program p = Program.open(dir)) {
            while (true) {
                ExportedModel.write(p, dir.getParent().resolve("out-" + k));
                System.out.println("exported " + k);
                System.out.flush();
                k++;
            }
        }
    }
}
