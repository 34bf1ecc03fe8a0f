package org.fairhunt.cli.lastmile;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.cli.audit.Reports;
import org.fairhunt.core.UserInputException;
import org.fairhunt.lastmile.demo.LastMileDemo;
import org.fairhunt.report.lastmile.CardReport;
import org.fairhunt.report.lastmile.LastMileHtml;
import org.fairhunt.report.lastmile.LastMileJson;
import org.fairhunt.report.lastmile.LastMileMarkdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairhunt demo lastmile}: a provider's signed card and a customer's test against it, on this machine. */
@Command(name = "lastmile", mixinStandardHelpOptions = true,
        description = {"The last-mile loop end to end with Debian packages only (flite, pocketsphinx):",
            "the provider audits pocketsphinx on clean speech of four flite voices (Scottish and US English), builds",
            "and signs a service card; the customer's floor has a machine (a synthesized hum with a 1 kHz beep),",
            "the customer records the same voices quiet and on the floor, verifies the card and tests against it:",
            "overall and differential degradation with intervals, and the targeted-data advice.", ""},
        footer = {"", "Example:", "  fairhunt demo lastmile --sentences 6 --out fairhunt-demo-lastmile"})
public final class LastMileDemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "fairhunt-demo-lastmile",
            description = "Where to write audio, card, keys and reports (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sentences", paramLabel = "N", defaultValue = "6",
            description = "Sentences per voice for the provider and for the customer, 2-10 (default: ${DEFAULT-VALUE}).")
    int sentences;

    @Option(names = "--snr", paramLabel = "DB", defaultValue = "15",
            description = "SNR of the floor's machine against the speech (default: ${DEFAULT-VALUE} dB).")
    double snr;

    @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "500",
            description = "Bootstrap replicates, clustered by sentence (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Files decoded at once (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        if (bootstrap < 50) {
            throw new UserInputException("--bootstrap must be at least 50 for a card's intervals, got " + bootstrap);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        PrintWriter o = spec.commandLine().getOut();
        o.println("Fairhunt last-mile demo: provider card (clean flite speech, pocketsphinx) -> customer's floor with a machine");
        o.flush();
        LastMileDemo.Outcome r = LastMileDemo.run(out, sentences, snr, bootstrap, seed, workers, System.err);
        Path cardDir = r.cardFile().getParent();
        CardCommand.write(cardDir.resolve("card.md"), CardReport.markdown(r.card()));
        CardCommand.write(cardDir.resolve("card.html"), CardReport.html(r.card()));
        Path report = out.resolve("lastmile");
        Reports.ensureDirectory(report);
        CardCommand.write(report.resolve("lastmile.json"), LastMileJson.json(r.result()));
        CardCommand.write(report.resolve("lastmile.md"), LastMileMarkdown.render(r.result()));
        CardCommand.write(report.resolve("lastmile.html"), LastMileHtml.render(r.result()));
        CardCommand.write(report.resolve("findings.json"), LastMileJson.findings(r.result()));
        o.println();
        o.println("The floor's machine (" + r.recording() + "), as 'fairhunt noise-profile' describes it:");
        o.print(r.profile().describe(-26).indent(2));
        o.println();
        o.print(LastMileCommand.summary(r.result()));
        o.println();
        o.println("Card: " + r.cardFile() + " (signed; public key " + r.publicKey() + "), " + cardDir.resolve("card.html"));
        o.println("Reports: " + report.resolve("lastmile.html") + ", " + report.resolve("lastmile.md") + ", findings for the provider: "
                + report.resolve("findings.json"));
        o.println("Re-run the customer's test yourself:");
        o.println("  fairhunt card verify " + r.cardFile() + " --pubkey " + r.publicKey());
        o.println("  fairhunt lastmile --card " + r.cardFile() + " --pubkey " + r.publicKey() + " --require-signed " + r.customerCsv()
                + " \\\n      --ref-col reference --hyp-col hypothesis --speaker sentence --group accent --condition site"
                + " --reference accent=us --tolerance wer=0.05 --out " + report);
        o.flush();
        return 0;
    }
}
