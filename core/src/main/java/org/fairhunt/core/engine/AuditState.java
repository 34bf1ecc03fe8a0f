package org.fairhunt.core.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.FairhuntException;
import org.fairhunt.core.metric.Statistic;

/**
 * The mergeable state of an audit: for every atom (a combination of group values, known by the values
 * themselves, not by an engine's local numbering) its row count and the sums of every statistic for
 * every replicate. Two states over different rows of the same audit merge by adding sums, associatively
 * and commutatively (exactly so for integer weights); this is what a distributed engine ships between
 * workers. {@link #toBytes()} writes a self-describing, versioned binary form; {@link #fromBytes} checks
 * the magic number and the version and names both when they do not match.
 *
 * <p>AUC is not part of the state: it is a rank statistic and needs the rows.
 */
public final class AuditState {
    /** The binary format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    private static final int MAGIC = 0x46485354; // "FHST"

    private final List<String> attributes;
    private final List<List<String>> levels;
    private final List<String> statistics;
    private final List<List<String>> slotNames;
    private final int estimates;
    private final long seed;
    private final int[][] atomCells;
    private final long[] atomRows;
    private final double[][] sums;

    AuditState(List<String> attributes, List<List<String>> levels, List<String> statistics, List<List<String>> slotNames,
            int estimates, long seed, int[][] atomCells, long[] atomRows, double[][] sums) {
        this.attributes = List.copyOf(attributes);
        this.levels = copies(levels);
        this.statistics = List.copyOf(statistics);
        this.slotNames = copies(slotNames);
        this.estimates = estimates;
        this.seed = seed;
        this.atomCells = atomCells;
        this.atomRows = atomRows;
        this.sums = sums;
        for (int k = 0; k < sums.length; k++) {
            long expected = (long) atomCells.length * estimates * this.slotNames.get(k).size();
            if (sums[k].length != expected) {
                throw new IllegalArgumentException("statistic " + statistics.get(k) + ": " + sums[k].length + " sums, expected " + expected);
            }
        }
    }

    /**
     * Unmodifiable copies of the lists, in a loop rather than a stream of method references: every audit builds a state,
     * and a lambda class the start-up archive lacks is spun at run time on each call of the command.
     */
    private static List<List<String>> copies(List<List<String>> lists) {
        List<List<String>> out = new ArrayList<>(lists.size());
        for (List<String> l : lists) {
            out.add(List.copyOf(l));
        }
        return List.copyOf(out);
    }

    public List<String> attributes() {
        return attributes;
    }

    public List<String> statistics() {
        return statistics;
    }

    /** B, the bootstrap replicates (the point estimate not counted), as everywhere in Fairhunt. */
    public int replicates() {
        return estimates - 1;
    }

    /** B + 1: the point estimate (index 0) and the replicates (1…B). */
    public int estimates() {
        return estimates;
    }

    public int atomCount() {
        return atomCells.length;
    }

    /** Total rows over all atoms. */
    public long rows() {
        return Arrays.stream(atomRows).sum();
    }

    /** The sum of {@code slot} of statistic {@code statistic} over all atoms in {@code replicate}. */
    public double total(int statistic, int replicate, int slot) {
        int width = slotNames.get(statistic).size();
        double t = 0;
        for (int a = 0; a < atomCells.length; a++) {
            t += sums[statistic][(a * estimates + replicate) * width + slot];
        }
        return t;
    }

    /** The state of both this and {@code other}'s rows. Both must describe the same audit. */
    public AuditState merge(AuditState other) {
        require("group attributes", attributes, other.attributes);
        require("statistics", statistics, other.statistics);
        require("slots", slotNames, other.slotNames);
        require("bootstrap replicates", estimates - 1, other.estimates - 1);
        require("bootstrap seed", seed, other.seed);
        // Union of levels: ours first, then theirs that are new; map their value indices onto ours.
        List<List<String>> mergedLevels = new ArrayList<>();
        int[][] remap = new int[attributes.size()][];
        for (int j = 0; j < attributes.size(); j++) {
            List<String> mine = new ArrayList<>(levels.get(j));
            List<String> theirs = other.levels.get(j);
            remap[j] = new int[theirs.size() + 1];
            for (int v = 0; v < theirs.size(); v++) {
                int idx = mine.indexOf(theirs.get(v));
                if (idx < 0) {
                    idx = mine.size();
                    mine.add(theirs.get(v));
                }
                remap[j][v] = idx;
            }
            mergedLevels.add(mine);
        }
        // Missing is coded as the level count, which grows with new levels.
        Map<List<Integer>, Integer> index = new LinkedHashMap<>();
        List<int[]> cells = new ArrayList<>();
        for (int[] cell : atomCells) {
            int[] c = new int[cell.length];
            for (int j = 0; j < c.length; j++) {
                c[j] = cell[j] == levels.get(j).size() ? mergedLevels.get(j).size() : cell[j];
            }
            index.put(key(c), cells.size());
            cells.add(c);
        }
        int[] otherAtom = new int[other.atomCells.length];
        for (int a = 0; a < other.atomCells.length; a++) {
            int[] cell = other.atomCells[a];
            int[] c = new int[cell.length];
            for (int j = 0; j < c.length; j++) {
                c[j] = cell[j] == other.levels.get(j).size() ? mergedLevels.get(j).size() : remap[j][cell[j]];
            }
            Integer id = index.get(key(c));
            if (id == null) {
                id = cells.size();
                index.put(key(c), id);
                cells.add(c);
            }
            otherAtom[a] = id;
        }
        int atoms = cells.size();
        long[] rows = new long[atoms];
        System.arraycopy(atomRows, 0, rows, 0, atomRows.length);
        for (int a = 0; a < otherAtom.length; a++) {
            rows[otherAtom[a]] += other.atomRows[a];
        }
        double[][] merged = new double[sums.length][];
        for (int k = 0; k < sums.length; k++) {
            int block = estimates * slotNames.get(k).size();
            merged[k] = Arrays.copyOf(sums[k], atoms * block);
            for (int a = 0; a < otherAtom.length; a++) {
                int to = otherAtom[a] * block;
                int from = a * block;
                for (int q = 0; q < block; q++) {
                    merged[k][to + q] += other.sums[k][from + q];
                }
            }
        }
        return new AuditState(attributes, mergedLevels, statistics, slotNames, estimates, seed,
                cells.toArray(new int[0][]), rows, merged);
    }

    private static List<Integer> key(int[] cell) {
        return Arrays.stream(cell).boxed().toList();
    }

    private static void require(String what, Object mine, Object theirs) {
        if (!mine.equals(theirs)) {
            throw new FairhuntException("cannot merge audit states with different " + what + ": " + mine + " vs " + theirs);
        }
    }

    /**
     * The slices and metrics of this state. {@code stats} must be the statistics the state was filled
     * with, in order (they evaluate the metrics).
     */
    public AuditRun toRun(String source, AuditSpec spec, List<Statistic> stats, List<String> exclusionNotes, List<String> warnings) {
        if (!stats.stream().map(Statistic::name).toList().equals(statistics)) {
            throw new FairhuntException("the state holds statistics " + statistics + ", not " + stats.stream().map(Statistic::name).toList());
        }
        Slicing slicing = Slicing.fromAtoms(attributes, levels, atomCells, atomRows, spec.intersections());
        List<StatisticGrid> grids = new ArrayList<>();
        for (int k = 0; k < stats.size(); k++) {
            grids.add(toSlices(slicing, stats.get(k), exclusionNotes.get(k), sums[k], estimates));
        }
        long rows = rows();
        return new AuditRun(source, (int) rows, spec, slicing.slices(), slicing.sliceRows(), grids, null, null,
                List.copyOf(warnings), null);
    }

    static StatisticGrid toSlices(Slicing slicing, Statistic stat, String note, double[] atomSums, int estimates) {
        int width = stat.width();
        int block = estimates * width;
        double[] out = new double[slicing.sliceCount() * block];
        for (int s = 0; s < slicing.subsetCount(); s++) {
            int[] map = slicing.sliceOfAtom(s);
            for (int atom = 0; atom < map.length; atom++) {
                int to = map[atom] * block;
                int from = atom * block;
                for (int q = 0; q < block; q++) {
                    out[to + q] += atomSums[from + q];
                }
            }
        }
        return new StatisticGrid(stat, note, slicing.sliceCount(), estimates, out);
    }

    /**
     * The self-describing binary form (format {@value #FORMAT_VERSION}), big-endian: magic {@code FHST},
     * version, the attribute names, each attribute's levels, the statistic names, each statistic's slot
     * names (every string list as a count and modified-UTF-8 strings), then B + 1 (the estimates: the
     * point estimate and B replicates), the bootstrap seed, the atom count, each atom's level indices and
     * rows, and the sums per statistic in {@code [atom][estimate][slot]} order. A golden file of version 1
     * is kept in the tests; a change that cannot read it fails them.
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            writeStrings(out, attributes);
            for (List<String> l : levels) {
                writeStrings(out, l);
            }
            writeStrings(out, statistics);
            for (List<String> s : slotNames) {
                writeStrings(out, s);
            }
            out.writeInt(estimates);
            out.writeLong(seed);
            out.writeInt(atomCells.length);
            for (int a = 0; a < atomCells.length; a++) {
                for (int v : atomCells[a]) {
                    out.writeInt(v);
                }
                out.writeLong(atomRows[a]);
            }
            for (double[] s : sums) {
                for (double v : s) {
                    out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@link #toBytes()}'s form, checking magic number and version. */
    public static AuditState fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new FairhuntException(String.format("not a Fairhunt audit state: magic number 0x%08X, expected 0x%08X", magic, MAGIC));
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new FairhuntException("audit state format version " + version + " cannot be read; this Fairhunt reads version "
                        + FORMAT_VERSION);
            }
            List<String> attributes = readStrings(in);
            List<List<String>> levels = new ArrayList<>();
            for (int j = 0; j < attributes.size(); j++) {
                levels.add(readStrings(in));
            }
            List<String> statistics = readStrings(in);
            List<List<String>> slots = new ArrayList<>();
            for (int k = 0; k < statistics.size(); k++) {
                slots.add(readStrings(in));
            }
            int estimates = in.readInt();
            long seed = in.readLong();
            int atoms = in.readInt();
            int[][] cells = new int[atoms][attributes.size()];
            long[] rows = new long[atoms];
            for (int a = 0; a < atoms; a++) {
                for (int j = 0; j < attributes.size(); j++) {
                    cells[a][j] = in.readInt();
                }
                rows[a] = in.readLong();
            }
            double[][] sums = new double[statistics.size()][];
            for (int k = 0; k < sums.length; k++) {
                sums[k] = new double[atoms * estimates * slots.get(k).size()];
                for (int q = 0; q < sums[k].length; q++) {
                    sums[k][q] = in.readDouble();
                }
            }
            if (in.available() > 0) {
                throw new FairhuntException("audit state has " + in.available() + " unexpected trailing bytes");
            }
            return new AuditState(attributes, levels, statistics, slots, estimates, seed, cells, rows, sums);
        } catch (IOException e) {
            throw new FairhuntException("truncated or corrupt audit state: " + e.getMessage(), e);
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            out.writeUTF(s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 24) {
            throw new IOException("implausible string count " + n);
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }

    /** Sums keyed for tests and tools: atom values → statistic → flat [replicate][slot] sums. */
    Map<List<String>, double[]> sumsByAtom(int statistic) {
        Map<List<String>, double[]> out = new HashMap<>();
        int block = estimates * slotNames.get(statistic).size();
        for (int a = 0; a < atomCells.length; a++) {
            List<String> key = new ArrayList<>();
            for (int j = 0; j < attributes.size(); j++) {
                int v = atomCells[a][j];
                key.add(v == levels.get(j).size() ? "(missing)" : levels.get(j).get(v));
            }
            out.put(key, Arrays.copyOfRange(sums[statistic], a * block, (a + 1) * block));
        }
        return out;
    }
}
