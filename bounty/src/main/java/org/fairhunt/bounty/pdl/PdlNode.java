package org.fairhunt.bounty.pdl;

/**
 * One node of a pointer decision list; node {@code version} turns version {@code version − 1} into
 * version {@code version}. An {@link Kind#ACCEPT} node sends its group to {@code modelHash}; a
 * {@link Kind#CATCH} node sends its group to the predictions of the earlier version
 * {@code targetVersion}. Group id {@value #POPULATION} is the whole population.
 */
public record PdlNode(int version, Kind kind, long groupId, String modelHash, int targetVersion) {
    /** Group id of the whole population. */
    public static final long POPULATION = 0;

    public enum Kind { ACCEPT, CATCH }

    public static PdlNode accept(int version, long groupId, String modelHash) {
        return new PdlNode(version, Kind.ACCEPT, groupId, modelHash, -1);
    }

    public static PdlNode catchNode(int version, long groupId, int targetVersion) {
        return new PdlNode(version, Kind.CATCH, groupId, null, targetVersion);
    }
}
