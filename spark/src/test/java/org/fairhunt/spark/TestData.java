package org.fairhunt.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Seeded CSV files that both the local reader and Spark's CSV reader read to the same table. */
final class TestData {
    private TestData() {
    }

    /**
     * A credit-like audit file: {@code sex} (F/M, some missing), {@code band} (four levels, first seen out of
     * alphabetical order), {@code age} (numeric, to bin), {@code y}/{@code p} (0/1), {@code s} (a score with
     * ties and some missing), {@code customer} (clusters of 1–4 rows, some rows without one), {@code w} (weights with fractions).
     */
    static Path credit(Path dir, int rows, long seed) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder("sex,band,age,y,p,s,customer,w\n");
        String[] bands = {"north", "east", "south", "west"};
        int customer = 0;
        for (int i = 0; i < rows; i++) {
            if (rnd.nextInt(3) == 0) {
                customer++;
            }
            String sex = rnd.nextInt(20) == 0 ? "" : rnd.nextBoolean() ? "F" : "M";
            String band = bands[Math.min(3, (int) Math.abs(rnd.nextGaussian() * 1.3))];
            int age = 18 + rnd.nextInt(60);
            double risk = 0.2 + (sex.equals("F") ? 0.1 : 0) + (band.equals("west") ? 0.15 : 0);
            int y = rnd.nextDouble() < risk ? 1 : 0;
            double s = Math.min(1, Math.max(0, risk + (y == 1 ? 0.15 : -0.05) + rnd.nextGaussian() * 0.2));
            s = Math.round(s * 100) / 100.0; // ties, as real scores have
            int p = s > 0.4 ? 1 : 0;
            String score = rnd.nextInt(50) == 0 ? "" : Double.toString(s);
            double w = 0.5 + rnd.nextInt(4) * 0.25;
            String id = rnd.nextInt(40) == 0 ? "" : "c" + customer; // now and then no customer: a cluster of its own
            sb.append(sex).append(',').append(band).append(',').append(age).append(',').append(y).append(',').append(p)
                    .append(',').append(score).append(',').append(id).append(',').append(w).append('\n');
        }
        Path file = dir.resolve("credit-" + rows + ".csv");
        try {
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
