// Prints the understanding figures for both splits of the labelled set, as `npm run bench` and
// `npm run understanding:eval` show them. Misclassified messages are listed for the dev split only when
// asked (`--misses`): the test split is scored, never read.

import { CASE_KINDS } from "../../shared/domain/case";
import { fixed, table } from "./table";
import {
  evaluateSplit,
  evaluateUnderstanding,
  loadUnseen,
  loadUnseenTogether,
  SPLITS,
  type Split,
  type SplitEvaluation,
} from "./understanding-eval";

const percent = (value: number) => `${fixed(value * 100, 1)} %`;

function printSplit(evaluation: SplitEvaluation, showMisses: boolean): void {
  const { split, files, messages } = evaluation;
  console.log(
    split === "unseen"
      ? `\n### unseen: ${messages} messages in ${files.join(", ")}, not in the labelled set; figures only, no messages shown\n`
      : `\n### ${split} split: ${messages} messages in test/evaluation/${split}/ (${files.join(", ") || "no files"})\n`,
  );
  if (messages === 0) return;
  if (split === "dev")
    console.log(
      "the learned kind model was trained on these messages, so dev kind figures flatter it;" +
        " `npm run understanding:train` prints its 10-fold cross-validated dev accuracy\n",
    );
  console.log(`kind accuracy ${percent(evaluation.kindAccuracy)}`);
  console.log(
    `referrals below the guide's minimum: ${evaluation.belowMinimum.length}` +
      ` (with every labelled signal found: ${evaluation.belowMinimumWithSignalsFound})`,
  );
  if (split === "dev" && evaluation.belowMinimum.length > 0)
    console.log(`   ${evaluation.belowMinimum.join(", ")}`);
  console.log("");
  table(
    ["label", "labelled", "precision", "recall"],
    [...evaluation.kinds, ...evaluation.signals].map((f) => [
      f.metric,
      String(f.support ?? ""),
      fixed(f.precision),
      fixed(f.recall),
    ]),
  );
  console.log("\nconfusion (rows: labelled kind, columns: Heed's kind)\n");
  table(
    ["", ...CASE_KINDS],
    CASE_KINDS.map((expected) => [
      expected,
      ...CASE_KINDS.map((kind) => String(evaluation.confusion[expected][kind])),
    ]),
  );
  console.log("");
  table(
    ["extraction", "precision", "recall"],
    evaluation.extraction.map((f) => [f.metric, fixed(f.precision), fixed(f.recall)]),
  );
  if (showMisses && split === "dev") {
    console.log("\nmisses on the dev split\n");
    for (const miss of evaluation.misses)
      console.log(
        `${miss.id}: labelled ${miss.expected}, Heed ${miss.predicted}\n   ${miss.evidence.join("; ")}`,
      );
  }
}

export function printUnderstanding(showMisses = false, splits: readonly Split[] = SPLITS): void {
  console.log(
    `\n## Understanding, on the labelled set (${splits.map((split) => `test/evaluation/${split}`).join(" and ")})`,
  );
  for (const evaluation of evaluateUnderstanding(splits)) printSplit(evaluation, showMisses);
}

/**
 * Each labelled file from outside the set scored on its own, as it would be before it joins dev, and
 * several together: a batch nobody has tuned on is the honest measure of how Heed reads a writer it has
 * never read. Figures only, never a message, so scoring it does not start tuning on it.
 */
export function printUnseen(paths: readonly string[]): void {
  console.log("\n## Understanding, on labelled files not yet in the set");
  for (const path of paths) printSplit(evaluateSplit("unseen", loadUnseen(path)), false);
  // Several files are also scored as one batch: a round's blind files, pooled.
  if (paths.length > 1) printSplit(evaluateSplit("unseen", loadUnseenTogether(paths)), false);
}
