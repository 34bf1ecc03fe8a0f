/**
 * The hunter kit: small learners (logistic regression, CART decision trees, gradient-boosted trees)
 * that fit on the program's public rows and export ONNX graphs over the program's feature encoding,
 * and the automated hunter of Globus-Harris, Kearns and Roth (2022), which finds (group, model) pairs
 * by cost-sensitive classification. Every exported model is run in ONNX Runtime and compared with
 * the learner's own predictions before it is handed out.
 */
package org.fairhunt.bounty.learn;
