/**
 * A whole bounty program on real data (Boston HMDA mortgage applications, shipped as a resource):
 * seeded splits, a weak base model, scripted hunters with accepted and rejected submissions, the
 * automated hunter, and the leaderboard. (On this 595-row holdout the defences leave no repair to show;
 * {@code PdlEngineTest} pins repairs.)
 */
package org.fairhunt.bounty.demo;
