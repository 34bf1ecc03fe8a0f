package org.fairhunt.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.fairhunt.core.io.ReadOptions;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;

/**
 * Fairhunt's byte-level CSV reader against FastCSV 3 on the same file in the same run, alternating:
 * <ol>
 * <li>{@code fairhunt}: {@link TableReaders#read} to a typed table (numbers parsed, categories encoded);
 * <li>{@code fastcsv-parse}: FastCSV splitting every record into Strings, nothing built (a lower bound
 * for any reader built on it);
 * <li>{@code fastcsv-table}: FastCSV's Strings fed to the same {@link TableBuilder}, the same typed table.
 * </ol>
 * Prints wall and process CPU seconds per run and their medians, and checks that both tables agree.
 *
 * <pre>java -Xmx8g -cp bench/target/fairhunt-bench.jar org.fairhunt.bench.CsvReaderComparisonBench [file.csv] [runs]</pre>
 * The default file is CsvLoadBench's 10 M-row file (generated if absent).
 */
public final class CsvReaderComparisonBench {
    private CsvReaderComparisonBench() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Paths.get(args.length > 0 ? args[0]
                : System.getProperty("java.io.tmpdir") + "/fairhunt-bench/audit-10m.csv");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!Files.exists(file)) {
            CsvLoadBench.generate(file, 10_000_000, 20261122L);
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String[] names = {"fairhunt", "fastcsv-parse", "fastcsv-table"};
        double[][] wall = new double[3][runs];
        double[][] cpu = new double[3][runs];
        Table ours = null;
        Table theirs = null;
        System.out.printf(Locale.ROOT, "%s: %.1f MB, %d cores, load average %.2f%n", file, Files.size(file) / 1e6,
                Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < 3; k++) {
                ours = k == 0 ? null : ours;
                System.gc();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                switch (k) {
                    case 0 -> ours = TableReaders.read(file, ReadOptions.defaults().withProgressBar(false));
                    case 1 -> fastCsvParse(file);
                    default -> theirs = fastCsvTable(file);
                }
                wall[k][r] = (System.nanoTime() - t0) / 1e9;
                cpu[k][r] = (os.getProcessCpuTime() - cpu0) / 1e9;
                System.out.printf(Locale.ROOT, "run %d %-14s %6.2f s wall %6.2f s CPU%n", r + 1, names[k], wall[k][r], cpu[k][r]);
                if (k == 2) {
                    theirs = r == runs - 1 ? theirs : null;
                }
            }
        }
        for (int k = 0; k < 3; k++) {
            System.out.printf(Locale.ROOT, "%-14s median %6.2f s wall, %6.2f s CPU (%.2f× fairhunt's CPU)%n", names[k],
                    BenchData.median(wall[k]), BenchData.median(cpu[k]), BenchData.median(cpu[k]) / BenchData.median(cpu[0]));
        }
        ours = TableReaders.read(file, ReadOptions.defaults().withProgressBar(false));
        System.out.println("tables agree: " + same(ours, theirs));
        System.out.printf(Locale.ROOT, "load average after: %.2f%n", os.getSystemLoadAverage());
    }

    private static long fastCsvParse(Path file) throws IOException {
        long chars = 0;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord rec : csv) {
                for (int i = 0; i < rec.getFieldCount(); i++) {
                    chars += rec.getField(i).length();
                }
            }
        }
        return chars;
    }

    private static Table fastCsvTable(Path file) throws IOException {
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
            Iterator<CsvRecord> it = csv.iterator();
            List<String> header = it.next().getFields();
            TableBuilder b = new TableBuilder(file.toString(), header);
            String[] row = new String[header.size()];
            while (it.hasNext()) {
                CsvRecord rec = it.next();
                for (int i = 0; i < row.length; i++) {
                    row[i] = rec.getField(i);
                }
                b.addRow(row);
            }
            return b.build();
        }
    }

    private static boolean same(Table a, Table b) {
        if (a.rowCount() != b.rowCount() || !a.columnNames().equals(b.columnNames())) {
            return false;
        }
        for (String c : a.columnNames()) {
            if (a.column(c).type() != b.column(c).type()) {
                return false;
            }
            for (int i = 0; i < a.rowCount(); i += 9973) {
                if (!java.util.Objects.equals(a.column(c).text(i), b.column(c).text(i))) {
                    return false;
                }
            }
        }
        return true;
    }
}
