/**
 * The last mile: testable service cards (what a provider measured, per slice, with the evidence a
 * customer needs to compare against it; claims in the policy language; signed) and the customer's own
 * test against a card (degradation, non-inferiority, differences-in-differences, coverage, advice).
 */
package org.fairhunt.lastmile;
