package org.fairhunt.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fairhunt.core.io.Format;
import org.fairhunt.core.io.ReadOptions;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.Binning;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/**
 * The German credit demo: the shipped data, derived {@code sex} and {@code age_band}, and a logistic
 * regression baseline whose predictions are all out-of-fold (5-fold cross-fitting with a fixed seed),
 * so every audited prediction was made by a model that never saw that applicant.
 */
public final class CreditDemo {
    /** Age band cut points: under 25, 25–39, 40–59, 60 and over. */
    public static final String AGE_CUTS = "25,40,60";
    static final String RESOURCE = "credit-g.arff";
    static final int FOLDS = 5;

    private CreditDemo() {
    }

    /** The shipped German credit data (1000 rows). */
    public static Table load() {
        try (InputStream in = CreditDemo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo resource " + RESOURCE + " is missing from the jar");
            }
            return TableReaders.read(in, RESOURCE, Format.ARFF, ReadOptions.defaults().withProgressBar(false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds {@code sex} (from personal_status), {@code age_band}, and the model's {@code score} and {@code pred}. */
    public static Table scored(Table credit, long seed) {
        CategoricalColumn status = credit.categorical("personal_status");
        int[] sex = new int[credit.rowCount()];
        for (int i = 0; i < sex.length; i++) {
            String s = status.text(i);
            sex[i] = s == null ? CategoricalColumn.MISSING : s.startsWith("female") ? 0 : 1;
        }
        Table t = credit.with(new CategoricalColumn("sex", sex, List.of("female", "male")))
                .with(Binning.parse(AGE_CUTS).apply(credit.numeric("age"), "age_band"));
        CategoricalColumn cls = credit.categorical("class");
        int[] positive = new int[t.rowCount()];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = "good".equals(cls.text(i)) ? 1 : 0;
        }
        List<String> features = new ArrayList<>(credit.columnNames());
        features.remove("class");
        int[] fold = folds(t.rowCount(), seed);
        double[] score = new double[t.rowCount()];
        for (int k = 0; k < FOLDS; k++) {
            List<Integer> train = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] != k) {
                    train.add(i);
                }
            }
            CreditBaseline model = CreditBaseline.fit(t, features, positive,
                    train.stream().mapToInt(Integer::intValue).toArray(), 1.0);
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == k) {
                    score[i] = Math.round(model.probability(t, i) * 1e4) / 1e4;
                }
            }
        }
        int[] pred = new int[score.length];
        for (int i = 0; i < pred.length; i++) {
            pred[i] = score[i] >= 0.5 ? 0 : 1;
        }
        return t.with(new NumericColumn("score", score)).with(new CategoricalColumn("pred", pred, List.of("good", "bad")));
    }

    /** A seeded random assignment of rows to folds of (almost) equal size. */
    static int[] folds(int rows, long seed) {
        int[] fold = new int[rows];
        for (int i = 0; i < rows; i++) {
            fold[i] = i % FOLDS;
        }
        Random rnd = new Random(seed);
        for (int i = rows - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int x = fold[i];
            fold[i] = fold[j];
            fold[j] = x;
        }
        return fold;
    }
}
