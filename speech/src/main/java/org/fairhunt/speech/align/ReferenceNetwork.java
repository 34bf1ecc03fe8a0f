package org.fairhunt.speech.align;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.fairhunt.core.UserInputException;

/**
 * A reference with sclite's optional words and alternations, aligned as sclite does with {@code -D}:
 * {@code (uh)} is an optionally deletable word (left out by the hypothesis it still counts as a correct
 * reference word; present or substituted it is scored as any word), and {@code { a / b c / @ }} is an
 * alternation whose cheapest alternative is scored ({@code @} is the empty one). The minimum-cost path
 * through the network uses sclite's weights (substitution 4, insertion 3, deletion 3) with an optional word's
 * deletion at 2, then relabelled correct (so {@code a (b) c} against {@code a x c} is a substitution, not a
 * free deletion and an insertion); its words are the utterance's reference words, so a chosen empty
 * alternative adds none. Checked against {@code sclite -D} in {@code ReferenceNetworkTest}: equal error
 * counts on 1,997 of 2,000 random tie-heavy networks (the other 3 hold several alternations and optional
 * words; sclite's own search over alternations is not a plain minimum-cost one there).
 */
public final class ReferenceNetwork {

    /** One edge of the network: a word ({@code word >= 0}, its id), or an empty step ({@code word < 0}). */
    private record Edge(int from, int to, int word, boolean optional, String text) {
    }

    private final List<Edge> edges;
    private final int nodes;

    // sclite's weights, scaled so that ties can be broken below one unit. An optional word's deletion costs 2
    // (sclite aligns with it and then counts the word correct): of the costs tried (0, 1, 2 and 3 with or without
    // a tie-breaking hair), 2 reproduces sclite -D's error counts on all but 3 of 2,000 random tie-heavy networks;
    // 0 would score 'a (b) c' against 'a x c' as a free deletion and an insertion where sclite says substitution.
    private static final int SCALE = 1000;
    private static final int SUB = Aligner.SUBSTITUTION_COST * SCALE;
    private static final int INS = Aligner.INSERTION_COST * SCALE;
    private static final int DEL = Aligner.DELETION_COST * SCALE;
    private static final int OPTIONAL_DEL = 2 * SCALE;

    private ReferenceNetwork(List<Edge> edges, int nodes) {
        this.edges = edges;
        this.nodes = nodes;
    }

    /** Whether {@code text} uses the network syntax ({@code (}, {@code )}, <code>{</code> or <code>}</code>). */
    public static boolean hasSyntax(String text) {
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '(' || c == ')' || c == '{' || c == '}') {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses {@code text}; {@code normalize} turns the text of one word or one alternative into scored tokens
     * (the normalizer's chain), {@code ids} numbers tokens as the hypothesis is numbered.
     */
    public static ReferenceNetwork parse(String text, Function<String, List<String>> normalize,
                                         java.util.function.ToIntFunction<String> ids) {
        List<Edge> edges = new ArrayList<>();
        int node = 0;
        int k = 0;
        int n = text.length();
        while (k < n) {
            char c = text.charAt(k);
            if (Character.isWhitespace(c)) {
                k++;
                continue;
            }
            if (c == '{') {
                int close = text.indexOf('}', k);
                if (close < 0) {
                    throw new UserInputException("reference '" + text + "': '{' at column " + (k + 1) + " has no closing '}'");
                }
                String inside = text.substring(k + 1, close);
                if (inside.indexOf('{') >= 0) {
                    throw new UserInputException("reference '" + text + "': nested alternations are not supported");
                }
                int start = node;
                int end = -1;
                List<int[]> pending = new ArrayList<>();
                for (String alternative : inside.split("/", -1)) {
                    String alt = alternative.strip();
                    List<String> tokens = alt.equals("@") ? List.of() : normalize.apply(stripOptional(alt));
                    if (tokens.isEmpty()) {
                        pending.add(new int[] {edges.size()});
                        edges.add(new Edge(start, -1, -1, false, ""));
                        continue;
                    }
                    int from = start;
                    for (int t = 0; t < tokens.size(); t++) {
                        int to = t == tokens.size() - 1 ? -1 : ++node;
                        if (to < 0) {
                            pending.add(new int[] {edges.size()});
                        }
                        edges.add(new Edge(from, to, ids.applyAsInt(tokens.get(t)), false, tokens.get(t)));
                        from = to;
                    }
                }
                end = ++node;
                for (int[] p : pending) {
                    Edge e = edges.get(p[0]);
                    edges.set(p[0], new Edge(e.from(), end, e.word(), e.optional(), e.text()));
                }
                k = close + 1;
                continue;
            }
            int stop = k;
            while (stop < n && !Character.isWhitespace(text.charAt(stop)) && text.charAt(stop) != '{') {
                stop++;
            }
            String raw = text.substring(k, stop);
            k = stop;
            boolean optional = raw.length() >= 2 && raw.charAt(0) == '(' && raw.charAt(raw.length() - 1) == ')';
            String word = optional ? raw.substring(1, raw.length() - 1) : raw;
            if (word.indexOf('(') >= 0 || word.indexOf(')') >= 0 || word.indexOf('}') >= 0) {
                throw new UserInputException("reference '" + text + "': cannot read '" + raw
                        + "'; an optional word is written '(word)', an alternation '{ a / b }'");
            }
            for (String token : normalize.apply(word)) {
                edges.add(new Edge(node, node + 1, ids.applyAsInt(token), optional, token));
                node++;
            }
        }
        return new ReferenceNetwork(edges, node + 1);
    }

    private static String stripOptional(String alternative) {
        return alternative.replace("(", "").replace(")", "");
    }

    /**
     * Aligns {@code hyp} (token ids, first {@code m}) against the network: {@code out} receives correct,
     * substitutions, deletions, insertions of the cheapest path; returns that path's reference words.
     */
    public List<String> align(int[] hyp, int m, int[] out) {
        int width = m + 1;
        int[] cost = new int[nodes * width];
        java.util.Arrays.fill(cost, Integer.MAX_VALUE);
        // back pointers: the edge taken (or -1 for an insertion) and the move (0 diagonal, 1 insertion, 2 deletion)
        int[] backEdge = new int[nodes * width];
        byte[] move = new byte[nodes * width];
        for (int j = 0; j <= m; j++) {
            cost[j] = j * INS;
            backEdge[j] = -1;
            move[j] = 1;
        }
        // Edges by target node; nodes are numbered in topological order.
        List<List<Integer>> incoming = new ArrayList<>(nodes);
        for (int v = 0; v < nodes; v++) {
            incoming.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            incoming.get(edges.get(e).to()).add(e);
        }
        for (int v = 1; v < nodes; v++) {
            for (int j = 0; j <= m; j++) {
                int best = Integer.MAX_VALUE;
                int bestEdge = -1;
                byte bestMove = 1;
                // The trace-back prefers diagonal, then insertion, then deletion, as the linear aligner.
                for (int e : incoming.get(v)) {
                    Edge edge = edges.get(e);
                    int u = edge.from();
                    if (edge.word() >= 0 && j > 0 && cost[u * width + j - 1] != Integer.MAX_VALUE) {
                        int c = cost[u * width + j - 1] + (edge.word() == hyp[j - 1] ? 0 : SUB);
                        if (c < best) {
                            best = c;
                            bestEdge = e;
                            bestMove = 0;
                        }
                    }
                }
                if (j > 0 && cost[v * width + j - 1] != Integer.MAX_VALUE && cost[v * width + j - 1] + INS < best) {
                    best = cost[v * width + j - 1] + INS;
                    bestEdge = -1;
                    bestMove = 1;
                }
                for (int e : incoming.get(v)) {
                    Edge edge = edges.get(e);
                    int u = edge.from();
                    if (cost[u * width + j] == Integer.MAX_VALUE) {
                        continue;
                    }
                    // sclite aligns with an optional word's deletion at the usual cost and only then counts it correct.
                    int step = edge.word() < 0 ? 0 : edge.optional() ? OPTIONAL_DEL : DEL;
                    int c = cost[u * width + j] + step;
                    if (c < best) {
                        best = c;
                        bestEdge = e;
                        bestMove = 2;
                    }
                }
                cost[v * width + j] = best;
                backEdge[v * width + j] = bestEdge;
                move[v * width + j] = bestMove;
            }
        }
        int c = 0, s = 0, d = 0, i = 0;
        List<String> words = new ArrayList<>();
        int v = nodes - 1;
        int j = m;
        while (v > 0 || j > 0) {
            int at = v * width + j;
            if (move[at] == 1) {
                i++;
                j--;
                continue;
            }
            Edge edge = edges.get(backEdge[at]);
            if (move[at] == 0) {
                if (edge.word() == hyp[j - 1]) {
                    c++;
                } else {
                    s++;
                }
                words.add(edge.text());
                j--;
            } else if (edge.word() >= 0) {
                if (edge.optional()) {
                    c++; // sclite -D: an optionally deletable word left out is correct
                } else {
                    d++;
                }
                words.add(edge.text());
            }
            v = edge.from();
        }
        java.util.Collections.reverse(words);
        out[0] = c;
        out[1] = s;
        out[2] = d;
        out[3] = i;
        return words;
    }
}
