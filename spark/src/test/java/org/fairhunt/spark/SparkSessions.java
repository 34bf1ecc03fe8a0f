package org.fairhunt.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The test SparkSession: local[2], no UI, few shuffle partitions; one per JVM, shared by the test classes. */
final class SparkSessions {
    private static SparkSession session;

    private SparkSessions() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("fairhunt-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }

    /** The file read by Spark's CSV reader in (at least) {@code partitions} byte ranges, in file order. */
    static Dataset<Row> csv(Path csv, int partitions) throws IOException {
        SparkSession spark = get();
        long size = Files.size(csv);
        spark.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(Math.max(1, size / partitions - 64)));
        spark.conf().set("spark.sql.files.openCostInBytes", "0");
        spark.conf().set("spark.sql.files.minPartitionNum", "1");
        return spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString());
    }
}
