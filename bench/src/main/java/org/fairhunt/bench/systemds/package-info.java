/**
 * The Apache SystemDS comparison for {@code SliceFinderBench}: SystemDS's builtin {@code sliceLine}
 * run locally through JMLC. Compiled only with the Maven profile {@code systemds}.
 */
package org.fairhunt.bench.systemds;
