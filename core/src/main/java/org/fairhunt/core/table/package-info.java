/**
 * The immutable columnar {@link org.fairhunt.core.table.Table}: categorical columns dictionary-encoded
 * to int codes, numeric columns as primitive doubles, text columns as strings. A missing value is
 * first-class (code {@link org.fairhunt.core.table.CategoricalColumn#MISSING}, {@code NaN}, or
 * {@code null}) and is never imputed. {@link org.fairhunt.core.table.TableBuilder} infers column types
 * while rows stream in, so readers never hold the text of every cell.
 */
package org.fairhunt.core.table;
