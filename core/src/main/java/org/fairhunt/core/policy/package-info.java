/**
 * Policies: fairness constraints written in YAML or JSON ({@link org.fairhunt.core.policy.Policy}),
 * judged against an audit result's intervals ({@link org.fairhunt.core.policy.PolicyEvaluator}) with
 * three-valued verdicts — pass when the whole interval satisfies the constraint, fail when the whole
 * interval violates it, inconclusive when it straddles the bound, with an estimate of how many more rows
 * would settle it — and one overall outcome with the exit code a CI pipeline acts on
 * ({@link org.fairhunt.core.policy.PolicyOutcome}).
 */
package org.fairhunt.core.policy;
