package org.fairhunt.cli.lastmile;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fairhunt.cli.audit.Reports;
import org.fairhunt.core.UserInputException;
import org.fairhunt.lastmile.card.Card;
import org.fairhunt.lastmile.card.CardBuilder;
import org.fairhunt.lastmile.card.CardSigning;
import org.fairhunt.lastmile.sign.CanonicalJson;
import org.fairhunt.lastmile.sign.Keys;
import org.fairhunt.report.lastmile.CardReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt card build|keygen|sign|verify}: testable, signed service cards. */
@Command(name = "card", header = "Build, sign and verify a testable service card (fairhunt.card/v1).",
        mixinStandardHelpOptions = true,
        subcommands = {CardCommand.Build.class, CardCommand.Keygen.class, CardCommand.Sign.class, CardCommand.Verify.class},
        footer = {"", "Examples:",
            "  fairhunt card build eval/audit.json --about card.yaml --out card/",
            "  fairhunt card keygen --out provider",
            "  fairhunt card sign card/card.json --key provider.key",
            "  fairhunt card verify card/card.json --pubkey provider.pub"})
public final class CardCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: build, keygen, sign or verify");
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Build a service card from an audit (audit.json of 'fairhunt wer' or 'fairhunt audit' run with",
                "--bootstrap) and the provider's description (card.yaml: name, version, provider, and optional date,",
                "description, intended_uses, out_of_scope_uses, evaluation_data, confounders, fairness_considerations,",
                "contact, claims). Writes card.json, card.md and card.html.", ""})
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "AUDIT", description = "audit.json with its evidence section.")
        Path audit;

        @Option(names = "--about", paramLabel = "FILE", required = true, description = "The provider's description (YAML or JSON).")
        Path about;

        @Option(names = "--claim", paramLabel = "CONSTRAINT",
                description = "A testable claim in the policy language, e.g. 'max_gap(wer) <= 0.03 over [accent]' (repeatable).")
        List<String> claims = new ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write card.json, card.md, card.html.")
        Path out;

        @Override
        public Integer call() {
            var json = CardBuilder.build(CardBuilder.readAudit(audit), CardBuilder.readAbout(about), claims, audit.toString());
            Card card = Card.of(json, audit.toString(), null);
            Reports.ensureDirectory(out);
            Path cardJson = out.resolve("card.json");
            write(cardJson, CanonicalJsonText.pretty(json));
            write(out.resolve("card.md"), CardReport.markdown(card));
            write(out.resolve("card.html"), CardReport.html(card));
            PrintWriter o = spec.commandLine().getOut();
            o.println("Card " + card.about().path("name").asText() + " " + card.about().path("version").asText() + ": "
                    + card.json().path("slices").size() + " slices, " + card.metrics().size() + " metrics, "
                    + card.json().path("claims").size() + " claims");
            card.json().path("claims").forEach(c -> o.println("  " + c.path("outcome").asText() + ": " + c.path("constraint").asText()));
            o.println("Wrote " + cardJson + ", " + out.resolve("card.md") + ", " + out.resolve("card.html"));
            o.println("Sign it: fairhunt card sign " + cardJson + " --key provider.key");
            o.flush();
            return 0;
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Generate an Ed25519 key pair: BASE.key (PKCS #8 PEM, keep it private) and BASE.pub (share it).", ""})
    static final class Keygen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "BASE", required = true, description = "Base name of the two files.")
        Path out;

        @Override
        public Integer call() {
            KeyPair pair = Keys.generate();
            Path[] files = Keys.write(pair, out);
            spec.commandLine().getOut().println("Key " + Keys.keyId(pair.getPublic()) + ": private " + files[0] + ", public " + files[1]);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = {"Sign a card: a DSSE envelope with an Ed25519 signature over the card's RFC 8785 canonical JSON,",
                "recording the signer (the card's provider), the key id and the time inside the signed payload.", ""})
    static final class Sign implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CARD", description = "card.json (replaced by the envelope unless --out).")
        Path card;

        @Option(names = "--key", paramLabel = "FILE", required = true, description = "The private key (PEM).")
        Path key;

        @Option(names = "--pubkey", paramLabel = "FILE", description = "Its public key (default: the key file with .pub).")
        Path pubkey;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the signed card here (default: replace CARD).")
        Path output;

        @Override
        public Integer call() {
            Path pub = pubkey != null ? pubkey : key.resolveSibling(key.getFileName().toString().replaceFirst("\\.key$", "") + ".pub");
            if (!Files.exists(pub)) {
                throw new UserInputException("no public key " + pub + " next to " + key + "; give it with --pubkey");
            }
            Card c = Card.read(card, null, false);
            String envelope = CardSigning.sign(c, Keys.readPrivate(key), Keys.readPublic(pub), Instant.now());
            Path target = output != null ? output : card;
            write(target, envelope);
            spec.commandLine().getOut().println("Signed " + target + " as " + c.about().path("provider").asText() + " with key "
                    + Keys.keyId(Keys.readPublic(pub)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify a signed card with the provider's public key: who signed it, when, and that no byte changed.",
                "Exit status 0 when it verifies, 1 when it does not."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CARD", description = "The signed card (a DSSE envelope).")
        Path card;

        @Option(names = "--pubkey", paramLabel = "FILE", required = true, description = "The provider's public key (PEM).")
        Path pubkey;

        @Override
        public Integer call() {
            PublicKey key = Keys.readPublic(pubkey);
            Card c;
            try {
                c = Card.read(card, key, true);
            } catch (UserInputException e) {
                spec.commandLine().getErr().println("fairhunt: card verify: FAILED: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println("OK: " + card + " is untampered: " + c.about().path("name").asText() + " " + c.about().path("version").asText()
                    + ", signed by " + c.signature().signer() + " with key " + c.signature().keyId() + " at " + c.signature().signedAt());
            o.flush();
            return 0;
        }
    }

    /** Writes a report or card atomically (a reader never sees half a file). */
    static void write(Path file, String text) {
        if (file.toAbsolutePath().getParent() != null) {
            Reports.ensureDirectory(file.toAbsolutePath().getParent());
        }
        org.fairhunt.core.io.AtomicFiles.writeString(file, text);
    }

    /** An unsigned card is written indented for reading; signing canonicalizes it anyway. */
    static final class CanonicalJsonText {
        private CanonicalJsonText() {
        }

        static String pretty(com.fasterxml.jackson.databind.JsonNode node) {
            // validate that it canonicalizes (no NaN, no huge integers) before writing it
            CanonicalJson.string(node);
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
