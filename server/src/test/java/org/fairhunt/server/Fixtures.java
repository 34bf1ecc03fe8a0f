package org.fairhunt.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.fairhunt.bounty.learn.HunterKit;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.onnx.OnnxGraphBuilder;
import org.fairhunt.bounty.onnx.TestModels;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.io.CsvWriter;
import org.fairhunt.core.table.Table;

/**
 * A small seeded bounty program on disk: lending rows whose label follows a different rule for
 * southern women, a weak base model (logistic regression on 200 rows, blind to that rule), and a
 * candidate tree trained on the southern women's public rows, which the holdout accepts.
 */
public final class Fixtures {
    public static final String SOUTHERN_WOMEN = "sex == \"f\" && region == \"south\"";

    public final Path dir;
    public final Path train;
    public final Path holdout;
    public final Path test;
    public final byte[] baseModel;
    public final byte[] candidate;
    public final byte[] everyoneModel;

    private Fixtures(Path dir, int rows) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        Table tr = table("train.csv", rows, 11);
        Table ho = table("holdout.csv", rows, 12);
        Table te = table("test.csv", rows, 13);
        train = dir.resolve("train.csv");
        holdout = dir.resolve("holdout.csv");
        test = dir.resolve("test.csv");
        CsvWriter.write(tr, train);
        CsvWriter.write(ho, holdout);
        CsvWriter.write(te, test);
        FeatureSchema schema = FeatureSchema.infer("deny", Task.CLASSIFICATION, tr, ho, te);
        FeatureData d = schema.encode(tr, true);
        baseModel = HunterKit.train(schema, d, IntStream.range(0, 200).toArray(), Learner.LOGISTIC, HunterKit.Options.defaults()).onnx();
        List<Integer> group = new ArrayList<>();
        for (int i = 0; i < tr.rowCount(); i++) {
            if ("f".equals(tr.column("sex").text(i)) && "south".equals(tr.column("region").text(i))) {
                group.add(i);
            }
        }
        candidate = HunterKit.train(schema, d, group.stream().mapToInt(Integer::intValue).toArray(), Learner.TREE,
                HunterKit.Options.defaults()).onnx();
        everyoneModel = HunterKit.train(schema, d, IntStream.range(0, 50).toArray(), Learner.LOGISTIC, HunterKit.Options.defaults()).onnx();
    }

    /**
     * A well-formed model that takes minutes on any rows (40 products of 4000x4000 matrices, about 5 TFLOP:
     * 2000x2000 ran within the 10 s limit here). The program's model time limit stops it.
     */
    static byte[] slowModel() {
        return TestModels.slowModel("age", 4000);
    }

    /** A structurally sound ONNX graph whose input is not a feature of the program: ONNX Runtime must load it to tell. */
    public static byte[] wrongInputModel() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("zip").input("zip", OnnxGraphBuilder.FLOAT, -1, 1);
        g.node("Cast", List.of("zip"), List.of("label")).attr("to", (long) OnnxGraphBuilder.INT64).add();
        return g.output("label", OnnxGraphBuilder.INT64, -1, 1).build();
    }

    public static Fixtures create(Path dir) throws IOException {
        return new Fixtures(dir, 2000);
    }

    /** The bounty tests' seeded lending data (one generator, shared through bounty's test jar). */
    static Table table(String source, int rows, long seed) {
        return org.fairhunt.bounty.Synthetic.table(source, rows, seed);
    }
}
