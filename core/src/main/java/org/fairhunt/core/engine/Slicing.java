package org.fairhunt.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TextColumn;

/**
 * Maps rows to atoms (distinct combinations of every group attribute's value, a missing value being a
 * value of its own) and atoms to slices (each attribute subset up to the intersection depth, and the
 * overall population).
 */
public final class Slicing {
    private final List<String> attributes;
    private final List<List<String>> levels;
    private final List<List<String>> levelNames;
    private final int[] atomOfRow;
    private final int atomCount;
    private final int[][] atomCells;
    private final long[] atomRows;
    private final List<int[]> subsets = new ArrayList<>();
    private final List<SliceKey> slices = new ArrayList<>();
    private final List<Integer> sliceSubset = new ArrayList<>();
    private final int[][] sliceOfAtom;
    private final long[] sliceRows;

    /** Atoms of a table: codes per attribute (missing = level count), atom of each row, cells and row counts. */
    private static Slicing fromTable(Table table, List<String> groups, int depth, boolean whole) {
        int a = groups.size();
        int[][] attributeCodes = new int[a][];
        int[] cardinalities = new int[a];
        List<List<String>> levelNames = new ArrayList<>();
        CategoricalColumn[] columns = new CategoricalColumn[a];
        int rows = table.rowCount();
        for (int j = 0; j < a; j++) {
            // A part of a table (a Spark partition) may hold a single value: the whole table was checked.
            CategoricalColumn c = whole ? groupColumnOf(table, groups.get(j)) : table.categorical(groups.get(j));
            columns[j] = c;
            // The column's own codes, read in place: a missing value (-1) is mapped to the level count as it is read.
            attributeCodes[j] = c.codesUnsafe();
            cardinalities[j] = c.levelCount() + 1;
            levelNames.add(c.levels());
        }
        // Atoms: distinct full combinations present, numbered in order of first appearance.
        int[] atomOfRow = new int[rows];
        long product = 1;
        for (int card : cardinalities) {
            product = product > (1L << 40) ? Long.MAX_VALUE : product * card;
        }
        List<int[]> cells = new ArrayList<>();
        long[] atomRows;
        if (product <= 1 << 24) {
            // Mixed-radix keys, one pass per attribute (each a simple loop over two arrays: an attribute loop inside
            // the row loop ran at a third the speed); the last pass also numbers the keys in order of first
            // appearance and counts their rows.
            for (int j = 0; j < a - 1; j++) {
                addDigit(atomOfRow, attributeCodes[j], cardinalities[j], rows);
            }
            int[] idOfKey = new int[(int) product];
            Arrays.fill(idOfKey, -1);
            int[] rowsOfKey = new int[(int) product];
            int[] last = a == 0 ? null : attributeCodes[a - 1];
            int card = a == 0 ? 1 : cardinalities[a - 1];
            int missing = card - 1;
            for (int i = 0; i < rows; i++) {
                int key = 0;
                if (last != null) {
                    int code = last[i];
                    key = atomOfRow[i] * card + (code < 0 ? missing : code);
                }
                int id = idOfKey[key];
                if (id < 0) {
                    id = cells.size();
                    idOfKey[key] = id;
                    cells.add(cellOfRow(attributeCodes, cardinalities, i));
                }
                atomOfRow[i] = id;
                rowsOfKey[key]++;
            }
            atomRows = new long[cells.size()];
            for (int key = 0; key < idOfKey.length; key++) {
                if (idOfKey[key] >= 0) {
                    atomRows[idOfKey[key]] = rowsOfKey[key];
                }
            }
        } else {
            Map<Cell, Integer> idOfCell = new HashMap<>();
            for (int i = 0; i < rows; i++) {
                int[] cell = cellOfRow(attributeCodes, cardinalities, i);
                Cell key = new Cell(cell);
                Integer id = idOfCell.get(key);
                if (id == null) {
                    id = cells.size();
                    idOfCell.put(key, id);
                    cells.add(cell);
                }
                atomOfRow[i] = id;
            }
            atomRows = new long[cells.size()];
            for (int i = 0; i < rows; i++) {
                atomRows[atomOfRow[i]]++;
            }
        }
        if (whole) {
            checkTwoValues(table, groups, columns, cells);
        }
        return new Slicing(groups, levelNames, atomOfRow, cells.toArray(new int[0][]), atomRows, depth);
    }

    /** {@code key[i] = key[i] × cardinality + code[i]}, a missing code (-1) taking the last digit. */
    private static void addDigit(int[] key, int[] codes, int cardinality, int rows) {
        int missing = cardinality - 1;
        for (int i = 0; i < rows; i++) {
            int code = codes[i];
            key[i] = key[i] * cardinality + (code < 0 ? missing : code);
        }
    }

    /**
     * Every group attribute must take at least two values (a missing value counting as one). Read from the
     * atoms rather than from a counting pass over each column; the first attribute in order that does not is
     * the error.
     */
    private static void checkTwoValues(Table table, List<String> groups, CategoricalColumn[] columns, List<int[]> cells) {
        for (int j = 0; j < columns.length; j++) {
            CategoricalColumn c = columns[j];
            int first = cells.isEmpty() ? -1 : cells.get(0)[j];
            boolean two = false;
            for (int[] cell : cells) {
                if (cell[j] != first) {
                    two = true;
                    break;
                }
            }
            if (!two) {
                String only = first == c.levelCount() ? CategoricalColumn.MISSING_LABEL
                        : c.levelCount() == 0 ? "(none)" : c.level(Math.max(0, first));
                throw singleValue(table.source(), groups.get(j), only, table.rowCount());
            }
        }
    }

    /**
     * Slices over atoms known by their cells (each a value index per attribute, the level count meaning
     * missing), as when finishing a merged {@link AuditState}.
     */
    static Slicing fromAtoms(List<String> attributes, List<List<String>> levels, int[][] atomCells, long[] atomRows, int depth) {
        return new Slicing(attributes, levels, null, atomCells, atomRows, depth);
    }

    private Slicing(List<String> groups, List<List<String>> levels, int[] atomOfRow, int[][] atomCells, long[] atomRows,
            int depth) {
        this.attributes = List.copyOf(groups);
        int a = groups.size();
        this.levelNames = new ArrayList<>();
        this.levels = new ArrayList<>();
        for (List<String> l : levels) {
            this.levels.add(List.copyOf(l));
            List<String> names = new ArrayList<>(l);
            names.add(CategoricalColumn.MISSING_LABEL);
            levelNames.add(names);
        }
        this.atomOfRow = atomOfRow;
        this.atomCells = atomCells;
        this.atomCount = atomCells.length;
        this.atomRows = atomRows;
        // Subsets in order of size, then lexicographically by attribute position.
        int maxDepth = Math.min(depth, a);
        for (int k = 0; k <= maxDepth; k++) {
            addSubsets(new int[k], 0, 0);
        }
        sliceOfAtom = new int[subsets.size()][];
        long[] rowsPerSlice = new long[16];
        for (int s = 0; s < subsets.size(); s++) {
            int[] subset = subsets.get(s);
            Map<Cell, Integer> local = new HashMap<>();
            List<int[]> keys = new ArrayList<>();
            int[] local0 = new int[atomCount];
            for (int at = 0; at < atomCount; at++) {
                int[] key = new int[subset.length];
                for (int q = 0; q < subset.length; q++) {
                    key[q] = atomCells[at][subset[q]];
                }
                Cell cell = new Cell(key);
                Integer id = local.get(cell);
                if (id == null) {
                    id = keys.size();
                    local.put(cell, id);
                    keys.add(key);
                }
                local0[at] = id;
            }
            // Order the slices of a subset by level order (missing last), not by first appearance.
            Integer[] order = new Integer[keys.size()];
            for (int q = 0; q < order.length; q++) {
                order[q] = q;
            }
            Arrays.sort(order, (x, y) -> Arrays.compare(keys.get(x), keys.get(y)));
            int[] rank = new int[order.length];
            int base = slices.size();
            // The subset's attribute names, one list shared by its slices' keys.
            String[] names = new String[subset.length];
            for (int t = 0; t < subset.length; t++) {
                names[t] = attributes.get(subset[t]);
            }
            List<String> attrs = List.of(names);
            for (int q = 0; q < order.length; q++) {
                rank[order[q]] = base + q;
                int[] key = keys.get(order[q]);
                String[] vals = new String[subset.length];
                for (int t = 0; t < subset.length; t++) {
                    vals[t] = levelNames.get(subset[t]).get(key[t]);
                }
                slices.add(new SliceKey(attrs, List.of(vals)));
                sliceSubset.add(s);
            }
            if (slices.size() > rowsPerSlice.length) {
                rowsPerSlice = Arrays.copyOf(rowsPerSlice, Math.max(slices.size(), 2 * rowsPerSlice.length));
            }
            int[] map = new int[atomCount];
            for (int at = 0; at < atomCount; at++) {
                map[at] = rank[local0[at]];
                rowsPerSlice[map[at]] += atomRows[at];
            }
            sliceOfAtom[s] = map;
        }
        sliceRows = Arrays.copyOf(rowsPerSlice, slices.size());
    }

    /** A cell (value indices) as a hash key: compared by content, without boxing each index. */
    private record Cell(int[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Cell c && Arrays.equals(values, c.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** The row's value index per attribute, a missing value being the attribute's level count. */
    private static int[] cellOfRow(int[][] attributeCodes, int[] cardinalities, int row) {
        int[] cell = new int[attributeCodes.length];
        for (int j = 0; j < cell.length; j++) {
            int code = attributeCodes[j][row];
            cell[j] = code < 0 ? cardinalities[j] - 1 : code;
        }
        return cell;
    }

    private void addSubsets(int[] current, int position, int start) {
        if (position == current.length) {
            subsets.add(current.clone());
            return;
        }
        for (int j = start; j < attributes.size(); j++) {
            current[position] = j;
            addSubsets(current, position + 1, j + 1);
        }
    }

    /**
     * The group column, which must be categorical (or text): a numeric column must be binned first. That it
     * takes at least two values (a single value cannot tell groups apart) is checked on the atoms.
     */
    private static CategoricalColumn groupColumnOf(Table table, String name) {
        Column c = table.column(name);
        if (c instanceof NumericColumn) {
            throw numericGroup(table.source(), name);
        }
        return c instanceof TextColumn ? table.categorical(name) : (CategoricalColumn) c;
    }

    /** The error for a group attribute that takes the single value {@code only} in all {@code rows} rows. */
    public static UserInputException singleValue(String source, String attribute, String only, long rows) {
        return new UserInputException(source + ": group attribute '" + attribute + "' has the single value '" + only
                + "' in all " + rows + " rows, so it cannot tell groups apart");
    }

    /** The error for a numeric group attribute that is not binned. */
    public static UserInputException numericGroup(String source, String attribute) {
        return new UserInputException(source + ": group attribute '" + attribute + "' is numeric; bin it first, "
                + "for example --bin " + attribute + "=25,40,60");
    }

    /** Resolves the groups of {@code table} and prepares atoms and slices up to {@code depth} attributes. */
    public static Slicing of(Table table, List<String> groups, int depth) {
        if (groups.stream().distinct().count() != groups.size()) {
            throw new UserInputException("the same group attribute is named twice: " + groups);
        }
        return fromTable(table, groups, depth, true);
    }

    /** Like {@link #of} for a part of a table, which may hold a single value of an attribute. */
    static Slicing ofPart(Table part, List<String> groups, int depth) {
        return fromTable(part, groups, depth, false);
    }

    public List<String> attributes() {
        return attributes;
    }

    /** The atom of each row (the array itself; do not modify). */
    int[] atomOfRow() {
        return atomOfRow;
    }

    /** The levels of each attribute (without the missing value). */
    List<List<String>> levels() {
        return levels;
    }

    /** Atom cells: one value index per attribute, the attribute's level count meaning missing. */
    int[][] atomCells() {
        return atomCells;
    }

    /** Rows per atom. */
    long[] atomRows() {
        return atomRows;
    }

    public int atomCount() {
        return atomCount;
    }

    public List<SliceKey> slices() {
        return List.copyOf(slices);
    }

    public int sliceCount() {
        return slices.size();
    }

    /** Rows in each slice. */
    public long[] sliceRows() {
        return sliceRows.clone();
    }

    /** Number of attribute subsets (the overall population counts as the empty subset). */
    public int subsetCount() {
        return subsets.size();
    }

    /** The slice that atom {@code atom} falls in for subset {@code subset}. */
    int sliceOf(int subset, int atom) {
        return sliceOfAtom[subset][atom];
    }

    /** The attribute positions of subset {@code s} (do not modify). */
    int[] subset(int s) {
        return subsets.get(s);
    }

    int[] sliceOfAtom(int subset) {
        return sliceOfAtom[subset];
    }
}
