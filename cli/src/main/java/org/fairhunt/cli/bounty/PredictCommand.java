package org.fairhunt.cli.bounty;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fairhunt.bounty.export.ExportedModel;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.CsvWriter;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt predict}: predict with an exported bounty model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict with a model exported by 'fairhunt bounty export'.", "",
            "Reads a table with the program's feature columns and writes it back with a prediction column (CSV, to "
                + "--out or standard output)."})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "Exported model directory.")
    Path model;

    @Parameters(index = "1", paramLabel = "FILE", description = "Rows to predict (CSV, TSV, JSONL, ARFF).")
    Path input;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV here instead of standard output.")
    Path out;

    @Option(names = "--column", defaultValue = "prediction", description = "Name of the prediction column. Default: ${DEFAULT-VALUE}.")
    String column;

    @Override
    public Integer call() throws IOException {
        try (ExportedModel m = ExportedModel.load(model)) {
            Table t = TableReaders.read(input);
            double[] p = m.predict(t);
            List<String> names = new ArrayList<>(t.columnNames());
            if (names.contains(column)) {
                throw new UserInputException(input + ": already has a column '" + column + "'; choose another name with --column");
            }
            names.add(column);
            TableBuilder b = new TableBuilder(input.toString(), names, java.util.Map.of(), java.util.Set.of());
            List<Column> cols = t.columns();
            String[] row = new String[names.size()];
            for (int i = 0; i < t.rowCount(); i++) {
                for (int j = 0; j < cols.size(); j++) {
                    row[j] = cols.get(j).text(i);
                }
                row[cols.size()] = m.format(p[i]);
                b.addRow(row);
            }
            Table result = b.build();
            if (out != null) {
                CsvWriter.write(result, out);
                spec.commandLine().getOut().printf("Wrote %d predictions to %s%n", p.length, out);
            } else {
                PrintWriter w = spec.commandLine().getOut();
                CsvWriter.write(result, w);
                w.flush();
            }
        }
        return 0;
    }
}
