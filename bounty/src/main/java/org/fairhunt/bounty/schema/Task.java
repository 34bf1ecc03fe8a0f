package org.fairhunt.bounty.schema;

/** What the program's label is. */
public enum Task {
    /** A categorical label; models output the class code (index into the schema's classes). */
    CLASSIFICATION,
    /** A numeric label; models output the predicted number. */
    REGRESSION
}
