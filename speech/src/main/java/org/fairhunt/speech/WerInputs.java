package org.fairhunt.speech;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.ReadOptions;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.Table;
import org.fairhunt.speech.format.MissingPolicy;
import org.fairhunt.speech.format.PlainTexts;
import org.fairhunt.speech.format.SpeakerIds;
import org.fairhunt.speech.format.TimeMarked;
import org.fairhunt.speech.format.TrnFormat;
import org.fairhunt.speech.format.TrnLines;
import org.fairhunt.speech.format.Utterance;
import org.fairhunt.speech.format.UtteranceIds;
import org.fairhunt.speech.format.UtterancePairs;
import org.fairhunt.speech.transcribe.FailedFiles;

/**
 * What {@code fairhunt wer} scores, from either input route: a table with reference and hypothesis
 * columns (CSV, TSV, JSON Lines) or a pair of transcript files (trn with trn, stm with ctm or stm). It
 * resolves the speaker (the bootstrap cluster by default) the same way on every route and says where
 * it came from, so a report never claims "clustered by speaker" over clusters that are conditions.
 */
public final class WerInputs {

    /**
     * Where the utterances come from.
     *
     * @param table      a table file, or null for transcript files
     * @param ref        reference transcripts (.trn or .stm), or null for a table
     * @param hyp        hypothesis transcripts (.trn or .ctm/.stm), or null for a table
     * @param refColumn  reference column of a table
     * @param hypColumn  hypothesis column of a table
     * @param idColumn   utterance-id column of a table (row numbers when absent)
     * @param speaker    the speaker: a column of the table, or an id field of trn ids; null for the default
     *                   ({@code speaker} when present)
     * @param idFields   names of the parts of trn ids (empty: {@code speaker}, and {@code condition,
     *                   utterance} when every id has Fairhunt's {@code SPEAKER-CONDITION_UTTERANCE} form)
     * @param idFormat   how a trn id names its speaker ({@code sclite} or {@code none})
     * @param missing    ids on one side only ({@code sclite}, {@code score-all}, {@code error})
     */
    public record Source(Path table, Path ref, Path hyp, String refColumn, String hypColumn, String idColumn, String speaker,
                         List<String> idFields, String idFormat, String missing) {
        public Source {
            idFields = idFields == null ? List.of() : List.copyOf(idFields);
            if (table == null && (ref == null || hyp == null)) {
                throw new UserInputException("give a TABLE with reference and hypothesis columns, or both --ref and --hyp files");
            }
            if (table != null && (ref != null || hyp != null)) {
                throw new UserInputException("give either a TABLE or --ref/--hyp files, not both");
            }
            if (table != null && !idFields.isEmpty()) {
                throw new UserInputException("--id-fields applies to trn ids; a table already has its columns");
            }
        }
    }

    /**
     * Utterances ready to audit.
     *
     * @param speakerColumn  the speaker column, or null when there is none (then no speaker clusters)
     * @param speakerSource  where the speaker came from, in words, for the report
     * @param notes          facts for the report's {@code speech} section (missing ids, failed files, id fields)
     * @param failedIds      hypothesis ids a recognizer failed on (scored as all deletions), with reasons
     * @param plainTexts     where the rows' texts lie in the trn files (bulk scoring reads plain ones from the bytes), or null
     */
    public record Loaded(Table table, String idColumn, String referenceColumn, String hypothesisColumn, String speakerColumn,
                         String speakerSource, Map<String, Object> notes, Map<String, String> failedIds, List<String> messages,
                         boolean referenceNetworks, PlainTexts plainTexts) {
    }

    private WerInputs() {
    }

    public static Loaded load(Source s) {
        return s.table() != null ? loadTable(s) : loadTranscripts(s);
    }

    private static Loaded loadTable(Source s) {
        ReadOptions options = ReadOptions.defaults().withTypeHint(s.refColumn(), ColumnType.TEXT)
                .withTypeHint(s.hypColumn(), ColumnType.TEXT);
        Table data = TableReaders.read(s.table(), options);
        String speakerCol = speakerColumn(s.table().toString(), data.columnNames(), s.refColumn(), s.hypColumn(), s.speaker());
        String source = speakerSource(s.table().toString(), speakerCol);
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("speaker_source", source);
        return new Loaded(data, s.idColumn(), s.refColumn(), s.hypColumn(), speakerCol, source, notes, Map.of(), List.of(), false, null);
    }

    /**
     * Checks that a table of {@code columns} (read from {@code source}) has the reference and hypothesis columns
     * and returns its speaker column: {@code speaker} (which must exist), else {@code speaker} when present, else null.
     */
    public static String speakerColumn(String source, List<String> columns, String refColumn, String hypColumn, String speaker) {
        for (String c : new String[] {refColumn, hypColumn}) {
            if (!columns.contains(c)) {
                throw new UserInputException(source + ": no column '" + c + "'; columns are " + columns);
            }
        }
        String speakerCol = speaker != null ? speaker : columns.contains(WerAudit.SPEAKER) ? WerAudit.SPEAKER : null;
        if (speakerCol != null && !columns.contains(speakerCol)) {
            throw new UserInputException(source + ": no speaker column '" + speakerCol + "' (--speaker); columns are " + columns);
        }
        return speakerCol;
    }

    /** Where a table's speaker came from, in words, for the report. */
    public static String speakerSource(String source, String speakerColumn) {
        return speakerColumn == null ? "none (no --speaker and no 'speaker' column)" : "column '" + speakerColumn + "' of " + source;
    }

    private static Loaded loadTranscripts(Source s) {
        MissingPolicy policy = MissingPolicy.parse(s.missing());
        SpeakerIds speakerIds = SpeakerIds.parse(s.idFormat());
        String r = extension(s.ref());
        String h = extension(s.hyp());
        UtterancePairs pairs;
        boolean trn = r.equals("trn") && h.equals("trn");
        if (trn) {
            TrnLines refLines = TrnFormat.lines(s.ref(), true);
            pairs = UtterancePairs.join(refLines, TrnFormat.hypothesisLines(s.hyp(), refLines), speakerIds, policy);
        } else if (r.equals("stm") && (h.equals("ctm") || h.equals("stm"))) {
            if (!s.idFields().isEmpty()) {
                throw new UserInputException("--id-fields names the parts of trn ids; stm segments have no such ids");
            }
            var segments = TimeMarked.readStm(s.ref());
            List<Utterance> refs = TimeMarked.references(segments, s.ref().toString());
            List<Utterance> hyps = h.equals("ctm") ? TimeMarked.hypotheses(segments, TimeMarked.readCtm(s.hyp()), s.hyp().toString())
                    : TimeMarked.references(TimeMarked.readStm(s.hyp()), s.hyp().toString());
            pairs = UtterancePairs.join(refs, hyps, policy, s.ref().toString(), s.hyp().toString());
        } else {
            throw new UserInputException("not supported: reference '" + s.ref().getFileName() + "' with hypothesis '"
                    + s.hyp().getFileName() + "'; expected ref.trn with hyp.trn, or ref.stm with hyp.ctm (by file extension)");
        }
        if (pairs.size() == 0) {
            throw new UserInputException("no utterance id is in both " + s.ref() + " and " + s.hyp());
        }
        List<String> messages = new ArrayList<>();
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("missing_policy", policy.cliName());
        notes.put("reference_only_ids", pairs.referenceOnly());
        notes.put("hypothesis_only_ids", pairs.hypothesisOnly());
        if (!pairs.referenceOnly().isEmpty()) {
            messages.add(pairs.referenceOnly().size() + " reference utterance(s) have no hypothesis and are "
                    + (policy == MissingPolicy.SCORE_ALL ? "scored as all deletions" : "left out, as sclite does")
                    + ": " + UtterancePairs.preview(pairs.referenceOnly()));
        }
        if (!pairs.hypothesisOnly().isEmpty()) {
            messages.add(pairs.hypothesisOnly().size() + " hypothesis utterance(s) have no reference and are scored as all insertions: "
                    + UtterancePairs.preview(pairs.hypothesisOnly()));
        }
        List<String> fields = s.idFields();
        if (trn && fields.isEmpty() && speakerIds == SpeakerIds.SCLITE
                && UtteranceIds.allConventional(java.util.Arrays.asList(pairs.ids()))) {
            fields = UtteranceIds.DEFAULT_FIELDS;
        }
        Table table = WerAudit.tableOf(pairs, fields, s.hyp().toString());
        String speakerCol = s.speaker() != null ? s.speaker() : WerAudit.SPEAKER;
        if (!table.hasColumn(speakerCol)) {
            throw new UserInputException("--speaker '" + speakerCol + "' is not a field of the utterance ids; "
                    + (fields.isEmpty() ? "name the id parts with --id-fields, e.g. --id-fields speaker,condition,utterance"
                    : "the id fields are " + fields));
        }
        String source;
        if (!trn) {
            source = speakerCol.equals(WerAudit.SPEAKER) ? "the speaker field of " + s.ref()
                    : "column '" + speakerCol + "'";
        } else if (fields.contains(speakerCol)) {
            source = "id field '" + speakerCol + "' (" + UtteranceIds.describe(fields) + ")";
        } else if (speakerIds == SpeakerIds.NONE) {
            source = "each utterance id (--id-format none)";
        } else {
            source = "the utterance id up to its first '-' (else its first '_'), as sclite";
        }
        notes.put("speaker_source", source);
        if (!fields.isEmpty()) {
            notes.put("id_fields", UtteranceIds.describe(fields));
        }
        Map<String, String> failed = trn ? FailedFiles.readBeside(s.hyp()) : Map.of();
        if (!failed.isEmpty()) {
            Map<String, String> scored = new LinkedHashMap<>();
            var ids = new java.util.HashSet<String>();
            ids.addAll(java.util.Arrays.asList(pairs.ids()));
            failed.forEach((id, why) -> {
                if (ids.contains(id)) {
                    scored.put(id, why);
                }
            });
            failed = scored;
            notes.put("failed_transcriptions", failed);
            if (!failed.isEmpty()) {
                messages.add(failed.size() + " utterance(s) failed to transcribe (" + FailedFiles.fileBeside(s.hyp()).getFileName()
                        + ") and are scored as all deletions, as sclite scores an empty hypothesis");
            }
        }
        return new Loaded(table, WerAudit.ID, WerAudit.REFERENCE, WerAudit.HYPOTHESIS, speakerCol, source, notes, failed, messages,
                trn, pairs.plainTexts());
    }

    /**
     * The second system's hypothesis for every row of {@code loaded} (MAPSSWE), from a column of the table
     * or a trn with exactly the same scored ids.
     */
    public static String[] otherSystem(Loaded loaded, Source s, Path compare, String compareColumn) {
        Table data = loaded.table();
        String[] other = new String[data.rowCount()];
        if (compareColumn != null) {
            if (s.table() == null) {
                throw new UserInputException("--compare-col needs a TABLE; with trn files use --compare FILE");
            }
            if (!data.hasColumn(compareColumn)) {
                throw new UserInputException(s.table() + ": no column '" + compareColumn + "'; columns are " + data.columnNames());
            }
            for (int row = 0; row < other.length; row++) {
                other[row] = data.column(compareColumn).text(row);
            }
            return other;
        }
        if (s.table() != null) {
            throw new UserInputException("--compare FILE goes with --ref/--hyp trn files; for a TABLE use --compare-col");
        }
        Map<String, String> byId = new HashMap<>();
        for (Utterance u : TrnFormat.read(compare, SpeakerIds.parse(s.idFormat()))) {
            byId.put(u.id(), u.text());
        }
        List<String> missingIds = new ArrayList<>();
        for (int row = 0; row < other.length; row++) {
            String id = data.column(loaded.idColumn()).text(row);
            other[row] = byId.remove(id);
            if (other[row] == null) {
                missingIds.add(id);
            }
        }
        if (!missingIds.isEmpty() || !byId.isEmpty()) {
            throw new UserInputException("MAPSSWE needs both systems on the same utterances: " + compare + " lacks "
                    + missingIds.size() + " scored id(s) " + UtterancePairs.preview(missingIds) + " and has " + byId.size()
                    + " extra id(s) " + UtterancePairs.preview(new ArrayList<>(byId.keySet())));
        }
        return other;
    }

    static String extension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

}
