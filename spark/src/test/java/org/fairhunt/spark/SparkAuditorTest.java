package org.fairhunt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.table.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Spark engine's results equal the local engine's on the same file, for any partitioning: the whole
 * JSON result (metrics, intervals from 200 bootstrap replicates, disparities, AUC) compared field by field.
 */
class SparkAuditorTest {
    static SparkSession spark;
    @TempDir
    static Path dir;
    static Path file;
    static Table local;

    @BeforeAll
    static void setUp() {
        spark = SparkSessions.get();
        file = TestData.credit(dir, 6000, 42);
        local = TableReaders.read(file);
    }

    static Dataset<Row> read(Path csv, int partitions) throws Exception {
        return SparkSessions.csv(csv, partitions);
    }

    static AuditRequest clustered() {
        return new AuditRequest("y", null, "p", "s", false, List.of("sex", "band", "age"), Map.of("age", "30,50"), 2, 30,
                null, 200, 7, "customer", null, 2, 0.95);
    }

    static AuditRequest weightedRows() {
        return new AuditRequest("y", null, "p", "s", false, List.of("sex", "band"), Map.of(), 2, 30, null, 60, 3, null, "w", 2, 0.9)
                .withReference(List.of("worst"));
    }

    static JsonNode assertSameAsLocal(AuditRequest request, Dataset<Row> data, SparkAuditor.Options options) {
        JsonNode expected = AuditJson.toTree(Auditor.run(local, request).result());
        JsonNode actual = AuditJson.toTree(SparkAuditor.run(data, request, options, List::of).result());
        int numbers = JsonCompare.assertSame(expected, actual);
        assertTrue(numbers > 500, "compared only " + numbers + " numbers");
        return actual;
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 17})
    void clustered_bootstrap_with_intersections_and_bins_equals_local(int partitions) throws Exception {
        Dataset<Row> data = read(file, partitions);
        assertTrue(data.javaRDD().getNumPartitions() >= partitions, "partitions: " + data.javaRDD().getNumPartitions());
        JsonNode actual = assertSameAsLocal(clustered(), data, new SparkAuditor.Options(file.toString(), null));
        // The cases the comparison must have met: rows without a cluster, slices with few clusters.
        assertTrue(actual.get("warnings").toString().contains("no value in cluster column 'customer'"), actual.get("warnings").toString());
        assertTrue(actual.get("warnings").toString().contains("fewer than 30 clusters"), actual.get("warnings").toString());
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 17})
    void row_keyed_weighted_bootstrap_equals_local(int partitions) throws Exception {
        assertSameAsLocal(weightedRows(), read(file, partitions), new SparkAuditor.Options(file.toString(), null));
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 17})
    void regression_and_clarify_equal_local(int partitions) throws Exception {
        AuditRequest regression = new AuditRequest("s", null, "w", null, true, List.of("sex", "band"), Map.of(), 2, 30, null, 40,
                5, "customer", null, 2, 0.95);
        assertSameAsLocal(regression, read(file, partitions), new SparkAuditor.Options(file.toString(), null));
        AuditRequest clarify = AuditRequest.of("y", null, "p", null, List.of("sex", "band")).withClarify(true, "age")
                .withBins(Map.of()).withClarifyFacets(List.of("band=north,east"));
        assertSameAsLocal(clarify, read(file, partitions), new SparkAuditor.Options(file.toString(), null));
    }

    @Test
    void parquet_orc_and_json_read_by_spark_equal_the_csv_audit() throws Exception {
        Dataset<Row> csv = read(file, 1);
        for (String format : List.of("parquet", "orc", "json")) {
            Path out = dir.resolve("credit." + format);
            if (!Files.exists(out)) {
                csv.coalesce(1).write().format(format).save(out.toString());
            }
            Dataset<Row> data = spark.read().format(format).load(out.toString());
            // JSON has no column order: select the file's.
            data = data.select(csv.columns()[0], java.util.Arrays.copyOfRange(csv.columns(), 1, csv.columns().length));
            assertSameAsLocal(clustered(), data, new SparkAuditor.Options(file.toString(), null));
        }
    }

    @Test
    void shuffled_rows_with_a_row_id_column_equal_local() throws Exception {
        // The 0-based file row number, then a random shuffle into 17 partitions.
        Dataset<Row> data = read(file, 1)
                .withColumn("row_id", functions.row_number().over(Window.orderBy(functions.monotonically_increasing_id())).minus(1))
                .repartition(17).localCheckpoint();
        assertSameAsLocal(weightedRows(), data, new SparkAuditor.Options(file.toString(), "row_id"));
    }

    @Test
    void missing_column_is_the_local_message() throws Exception {
        AuditRequest r = AuditRequest.of("y", null, "pred", null, List.of("sex"));
        String expected = assertThrows(UserInputException.class, () -> Auditor.run(local, r)).getMessage();
        String actual = assertThrows(UserInputException.class,
                () -> SparkAuditor.run(read(file, 3), r, new SparkAuditor.Options(file.toString(), null), List::of)).getMessage();
        assertEquals(expected, actual);
    }

    @Test
    void label_with_three_values_and_no_positive_is_the_local_message() throws Exception {
        AuditRequest r = AuditRequest.of("band", null, "sex", null, List.of("sex"));
        String expected = assertThrows(UserInputException.class, () -> Auditor.run(local, r)).getMessage();
        String actual = assertThrows(UserInputException.class,
                () -> SparkAuditor.run(read(file, 3), r, new SparkAuditor.Options(file.toString(), null), List::of)).getMessage();
        assertEquals(expected, actual);
        assertTrue(actual.contains("--positive"), actual);
    }

    @Test
    void group_with_too_many_values_is_the_local_message() throws Exception {
        Path big = dir.resolve("ids.csv");
        StringBuilder sb = new StringBuilder("id,y,p\n");
        for (int i = 0; i < 12_000; i++) {
            sb.append("u").append(i).append(',').append(i % 2).append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
        }
        Files.writeString(big, sb.toString());
        AuditRequest r = AuditRequest.of("y", null, "p", null, List.of("id"));
        String expected = assertThrows(UserInputException.class, () -> Auditor.run(TableReaders.read(big), r)).getMessage();
        String actual = assertThrows(UserInputException.class,
                () -> SparkAuditor.run(read(big, 3), r, new SparkAuditor.Options(big.toString(), null), List::of)).getMessage();
        assertEquals(expected, actual);
    }
}
