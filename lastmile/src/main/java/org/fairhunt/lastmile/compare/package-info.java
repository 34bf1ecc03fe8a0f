/**
 * The customer's test against a card: degradation per slice with non-inferiority verdicts,
 * differences-in-differences per group with a heterogeneity test, the condition × group interaction
 * within the customer's data, the card's claims re-judged, coverage findings and advice.
 */
package org.fairhunt.lastmile.compare;
