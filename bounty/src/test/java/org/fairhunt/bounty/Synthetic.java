package org.fairhunt.bounty;

import java.util.List;
import java.util.Random;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;

/**
 * Seeded synthetic lending data: {@code sex} (f/m), {@code region} (north/south/east), {@code age},
 * {@code income} (5% missing) and a yes/no label {@code deny} whose rule differs for southern women,
 * so that a base model fitted to everyone errs on a group a hunter can find.
 */
public final class Synthetic {
    private Synthetic() {
    }

    public static Table table(String source, int rows, long seed) {
        Random rnd = new Random(seed);
        TableBuilder b = new TableBuilder(source, List.of("sex", "region", "age", "income", "deny"));
        String[] regions = {"north", "south", "east"};
        for (int i = 0; i < rows; i++) {
            String sex = rnd.nextBoolean() ? "f" : "m";
            String region = regions[rnd.nextInt(3)];
            int age = 18 + rnd.nextInt(60);
            double income = Math.round(20 + rnd.nextGaussian() * 10 + age * 0.5);
            double z = (40 - income) / 8.0;
            if (sex.equals("f") && region.equals("south")) {
                z = (age - 45) / 6.0;
            }
            boolean deny = rnd.nextDouble() < 1 / (1 + Math.exp(-3 * z));
            String incomeText = rnd.nextDouble() < 0.05 ? null : Double.toString(income);
            b.addRow(new String[] {sex, region, Integer.toString(age), incomeText, deny ? "yes" : "no"});
        }
        return b.build();
    }
}
