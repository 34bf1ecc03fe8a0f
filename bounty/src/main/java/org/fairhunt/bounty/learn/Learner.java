package org.fairhunt.bounty.learn;

import java.util.Locale;
import org.fairhunt.core.UserInputException;

/** The hunter kit's built-in learners. */
public enum Learner {
    /** Binary logistic regression (classification with two classes). */
    LOGISTIC,
    /** One CART tree (classification or regression). */
    TREE,
    /** Gradient-boosted trees (binary classification or regression). */
    BOOSTED;

    public static Learner parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "logistic", "lr", "logistic-regression" -> LOGISTIC;
            case "tree", "decision-tree" -> TREE;
            case "boosted", "gbt", "gradient-boosting" -> BOOSTED;
            default -> throw new UserInputException("unknown learner '" + s + "'; expected logistic, tree or boosted");
        };
    }
}
