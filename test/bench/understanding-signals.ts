// `npm run understanding:signals`: measures, by 10-fold cross-validation on the dev split only, whether
// a learned signal model (a logistic regression over the same words and word pairs the kind model reads,
// and every rule's evidence, trained with the kind model's own code) finds the labelled signals the rules
// miss: the rules alone, the model alone and the rules or the model above a threshold, each with its
// precision and recall. `-- --fresh <file>` instead trains on the rest of dev and reads only that dev
// file, for a batch of messages the rules were not yet tuned on; `-- --unseen <path>` trains on all of
// dev and reads a labelled file that is not in the set yet, by its figures alone. It writes nothing; the
// test split is never read.

import type { Evidence } from "../../shared/domain/case";
import {
  type KindModel,
  learnedFeatures,
  pruneKindModel,
  readKind,
  trainModel,
} from "../../shared/domain/classification/learned-kind";
import { LABELLED_SIGNALS, type LabelledMessage } from "../../shared/domain/labelled-set";
import { crossValidate } from "./cross-validate";
import { loadSplit, loadUnseen, understandLabelled } from "./understanding-eval";

const CARRIES = ["carries", "lacks"] as const;
type Carries = (typeof CARRIES)[number];
const OPTIONS = { l2: 0.001, minimumCount: 2, steps: 200 };
const MINIMUM_PUSH = 0.05;
const THRESHOLDS = [0.5, 0.7, 0.8, 0.9];
/** Every rule's evidence but the decisions drawn from it. */
const ALL_EVIDENCE = /^(?!decision:)/;

interface Row {
  fresh: boolean;
  features: readonly string[];
  ruled: ReadonlySet<string>;
  labelled: ReadonlySet<string>;
}

const dev = loadSplit("dev");
const freshFile = process.argv.includes("--fresh")
  ? process.argv[process.argv.indexOf("--fresh") + 1]
  : undefined;
const freshIds = freshFile
  ? new Set(dev.messages.flatMap(({ id }) => (`${dev.fileOf.get(id)}.json` === freshFile ? [id] : [])))
  : undefined;
if (freshIds?.size === 0) throw new Error(`--fresh ${freshFile}: no such file in test/evaluation/dev/`);

const unseenPath = process.argv.includes("--unseen")
  ? process.argv[process.argv.indexOf("--unseen") + 1]
  : undefined;

const rowOf = (message: LabelledMessage, fresh: boolean): Row => {
  const { classification } = understandLabelled(message);
  const evidence: readonly Evidence[] = classification.evidence;
  return {
    fresh,
    features: learnedFeatures(message, evidence, ALL_EVIDENCE),
    ruled: new Set(classification.signals),
    labelled: new Set<string>(message.expected.signals),
  };
};
const rows: Row[] = [
  ...dev.messages.map((message) => rowOf(message, freshIds?.has(message.id) ?? false)),
  ...(unseenPath ? loadUnseen(unseenPath).messages.map((message) => rowOf(message, true)) : []),
];
const heldOut = freshIds !== undefined || unseenPath !== undefined;

/** The rows scored: the held-out file's alone, or every dev row. */
const scored = heldOut ? rows.filter((row) => row.fresh) : rows;

function figures(predicted: readonly boolean[], signal: string): string {
  let hits = 0;
  let said = 0;
  let truth = 0;
  predicted.forEach((yes, at) => {
    const labelled = scored[at]?.labelled.has(signal) ?? false;
    if (yes) said++;
    if (labelled) truth++;
    if (yes && labelled) hits++;
  });
  const ratio = (a: number, b: number) => (b === 0 ? "-" : (a / b).toFixed(2));
  return `precision ${ratio(hits, said)}  recall ${ratio(hits, truth)}`;
}

console.log(
  heldOut
    ? `${unseenPath ?? freshFile}: ${scored.length} messages, read by a model trained on the other ${rows.length - scored.length} dev messages\n`
    : `dev ${rows.length} messages, 10-fold cross-validated; the rules were tuned on dev, so their figure flatters them\n`,
);
for (const signal of LABELLED_SIGNALS) {
  const train = (training: readonly Row[]) =>
    pruneKindModel(
      trainModel(
        training.map((row) => ({
          features: row.features,
          kind: (row.labelled.has(signal) ? "carries" : "lacks") as Carries,
        })),
        CARRIES,
        OPTIONS,
      ),
      MINIMUM_PUSH,
    );
  const carries = (model: KindModel<Carries>, row: Row) => {
    const read = readKind(model, row.features);
    return read.kind === "carries" ? read.probability : 1 - read.probability;
  };
  const probabilities = heldOut
    ? ((model) => scored.map((row) => carries(model, row)))(train(rows.filter((row) => !row.fresh)))
    : crossValidate(rows, train, (model, row) => [carries(model, row)]).map(([p = 0]) => p);
  const ruled = scored.map((row) => row.ruled.has(signal));
  console.log(`${signal}`);
  console.log(`  ${"rules alone".padEnd(34)} ${figures(ruled, signal)}`);
  for (const threshold of THRESHOLDS) {
    const learned = probabilities.map((p) => p >= threshold);
    console.log(`  ${`model alone, ${threshold * 100} % sure`.padEnd(34)} ${figures(learned, signal)}`);
    console.log(
      `  ${`rules or model ${threshold * 100} % sure`.padEnd(34)} ${figures(
        learned.map((yes, at) => yes || (ruled[at] ?? false)),
        signal,
      )}`,
    );
  }
}
