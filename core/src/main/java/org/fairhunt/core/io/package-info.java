/**
 * Readers that turn files into a {@link org.fairhunt.core.table.Table}: RFC 4180 CSV and TSV (a
 * byte-level parser that decodes UTF-8 only for values a column has not seen before), JSON Lines
 * (Jackson's streaming parser) and Weka's ARFF, each optionally gzip-compressed.
 * {@link org.fairhunt.core.io.TableReaders#read} picks the reader from the file name or from
 * {@link org.fairhunt.core.io.ReadOptions}. Every problem with the input is a
 * {@link org.fairhunt.core.DataFormatException} naming file, line and column; no row is ever dropped
 * silently. {@link org.fairhunt.core.io.ProgressBar} draws progress on a terminal for large files.
 * {@link org.fairhunt.core.io.AtomicFiles} is the one way any output file is written (temporary file,
 * fsync, atomic rename: the old complete file or the new one, never a truncated one), used by
 * {@link org.fairhunt.core.io.CsvWriter} and every report writer.
 */
package org.fairhunt.core.io;
