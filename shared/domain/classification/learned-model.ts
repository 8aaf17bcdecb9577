// What Heed's learned readings are made of: a multinomial logistic regression over the words (without
// their endings) and word pairs of a message's subject line and, apart from them, of its text, and over
// the rules' own evidence; how it is trained on labelled messages, pruned and shipped as JSON in a string;
// and how a reading names the features it rests on, so staff still see why. The kind reading
// (`learned-kind.ts`) and the vulnerability reading (`learned-signal.ts`) are both such models.

import type { Evidence } from "../case";
import { normaliseText } from "./phrases";

/**
 * Weights per feature, one for each class in `kinds` order, and a bias per class. A class (called its
 * kind) is whatever the model chooses between: a message's kind, or whether it carries a signal.
 */
export interface LearnedModel<K extends string> {
  kinds: readonly K[];
  bias: readonly number[];
  weights: Readonly<Record<string, readonly number[]>>;
}

export interface LabelledFeatures<K extends string> {
  features: readonly string[];
  kind: K;
}

export interface TrainingOptions {
  /** L2 penalty on every weight: larger keeps the model closer to the rules' evidence alone. */
  l2: number;
  /** A feature seen in fewer training messages than this is left out. */
  minimumCount: number;
  /** Full-batch gradient steps; training starts from zero, so the result depends on nothing else. */
  steps: number;
}

export interface LearnedReading<K extends string> {
  kind: K;
  probability: number;
  /** The features that pushed hardest towards this class, strongest first, in words staff read. */
  because: string[];
}

const WORD_PREFIX = "w:";
const SUBJECT_PREFIX = "s:";
export const EVIDENCE_PREFIX = "e:";

/**
 * A word without its ending ("charged", "charges", "charging" → "charg"; "deliveries" → "delivery"): what
 * a word means carries from one writer to the next better than the form they put it in. Short words keep
 * their form, as their endings are seldom endings.
 */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  const owned = word.replace(/'s$/, "");
  const bare = /ie[sd]$/.test(owned)
    ? owned.replace(/ie[sd]$/, "y")
    : owned.replace(/(?:ing|ed|es|e|(?<!s)s)$/, "");
  if (bare.length < 3) return word;
  // "stopped" → "stopp" → "stop"; "called" keeps its "ll".
  return bare !== word && /([^aeiouyls])\1$/.test(bare) ? bare.slice(0, -1) : bare;
}

/** Numbers say nothing about a message's meaning but make every order reference a feature of its own. */
const tokens = (text: string): string[] =>
  [...normaliseText(text).matchAll(/[\p{L}\p{N}']+/gu)]
    .map(([run]) => run.replace(/^'+|'+$/g, ""))
    .filter((token) => token !== "")
    .map((token) => (/\d/.test(token) ? "0" : stem(token)));

/** A negation reaches the next few words of its clause, no further. */
const NEGATION = /^(?:not|no|never|nothing|nobody|none|without|cannot|\w+n't)$/;
const NEGATION_REACH = 3;
const CLAUSE_END = /[.!?;:,\n]+/;

/** The words and word pairs of a message as a learned model reads them, and each rule of the evidence `keep` matches. */
export function learnedFeatures(
  message: { subject: string; text: string },
  evidence: readonly Evidence[],
  keep: RegExp,
): string[] {
  const features = new Set<string>();
  for (const [prefix, part] of [
    [SUBJECT_PREFIX, message.subject],
    [WORD_PREFIX, message.text],
  ] as const) {
    for (const clause of part.split(CLAUSE_END)) {
      const words = tokens(clause);
      let negatedFor = 0;
      words.forEach((word, at) => {
        // "not unhappy", "no complaints": a word soon after a negation is read as a word of its own.
        features.add(`${prefix}${negatedFor > 0 ? `not ${word}` : word}`);
        if (at > 0) features.add(`${prefix}${words[at - 1]} ${word}`);
        negatedFor = NEGATION.test(word) ? NEGATION_REACH : Math.max(0, negatedFor - 1);
      });
    }
  }
  for (const { rule } of evidence) if (keep.test(rule)) features.add(`${EVIDENCE_PREFIX}${rule}`);
  return [...features].sort();
}

function softmax(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** A model as a reading uses it: a feature's weights, one for each kind in `kinds` order, or none. */
interface Weights<K extends string> {
  kinds: readonly K[];
  bias: readonly number[];
  of(feature: string): readonly number[] | undefined;
}

const inMemory = <K extends string>(model: LearnedModel<K>): Weights<K> => ({
  kinds: model.kinds,
  bias: model.bias,
  of: (feature) => model.weights[feature],
});

/**
 * The model as the training scripts ship it (`npm run understanding:train`, `npm run understanding:signals
 * -- --write`), in JSON: the kinds, the bias in hundredths, and `rows`, each feature in sorted order
 * followed by its weights in hundredths, one feature a line. Flat, so parsing it builds one array rather
 * than an object and an array for each of thousands of features.
 */
interface ShippedModel<K extends string> {
  kinds: readonly K[];
  bias: readonly number[];
  rows: readonly (string | number)[];
}

export function shippedModelJson<K extends string>(model: LearnedModel<K>): string {
  const hundredths = (values: readonly number[]) => values.map((value) => Math.round(value * 100));
  const line = (values: readonly (string | number)[]) => values.map((v) => JSON.stringify(v)).join(",");
  const rows = Object.keys(model.weights)
    .sort()
    .map((feature) => line([feature, ...hundredths(model.weights[feature] ?? [])]));
  return `{"kinds":[${line(model.kinds)}],\n"bias":[${line(hundredths(model.bias))}],\n"rows":[\n${rows.join(",\n")}\n]}\n`;
}

/** The shipped model, its rows searched in place by feature: nothing is built for the features a message lacks. */
function shippedWeights<K extends string>(json: string): Weights<K> {
  const { kinds, bias, rows } = JSON.parse(json) as ShippedModel<K>;
  const stride = kinds.length + 1;
  const count = rows.length / stride;
  return {
    kinds,
    bias: bias.map((value) => value / 100),
    of: (feature) => {
      let [low, high] = [0, count - 1];
      while (low <= high) {
        const middle = (low + high) >> 1;
        const at = middle * stride;
        const found = rows[at] as string;
        if (found === feature)
          return (rows.slice(at + 1, at + stride) as number[]).map((value) => value / 100);
        if (found < feature) low = middle + 1;
        else high = middle - 1;
      }
      return undefined;
    },
  };
}

function scores(model: Weights<string>, features: readonly string[]): number[] {
  const total = [...model.bias];
  for (const feature of features) {
    const weights = model.of(feature);
    if (weights) for (let k = 0; k < total.length; k++) total[k] = (total[k] ?? 0) + (weights[k] ?? 0);
  }
  return total;
}

/** A feature as staff read it: the words in quotes, said when they are the subject line's, a rule by its name. */
const describe = (feature: string) =>
  feature.startsWith(WORD_PREFIX)
    ? `"${feature.slice(WORD_PREFIX.length)}"`
    : feature.startsWith(SUBJECT_PREFIX)
      ? `"${feature.slice(SUBJECT_PREFIX.length)}" in the subject`
      : feature.slice(feature.indexOf(":") + 1);

/** The model's class for a message's features, with the three features that pushed hardest towards it. */
export function readModel<K extends string>(
  model: LearnedModel<K>,
  features: readonly string[],
): LearnedReading<K> {
  return readWeights(inMemory(model), features);
}

function readWeights<K extends string>(model: Weights<K>, features: readonly string[]): LearnedReading<K> {
  const probabilities = softmax(scores(model, features));
  let best = 0;
  for (let k = 1; k < probabilities.length; k++)
    if ((probabilities[k] ?? 0) > (probabilities[best] ?? 0)) best = k;
  // A feature's push towards a kind is its weight there beyond its average weight over all kinds.
  const pushes = features
    .flatMap((feature) => {
      const weights = model.of(feature);
      if (!weights) return [];
      const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
      const push = (weights[best] ?? 0) - mean;
      return push > 0 ? [{ feature, push }] : [];
    })
    .sort((a, b) => b.push - a.push || a.feature.localeCompare(b.feature))
    .slice(0, 3);
  return {
    kind: (model.kinds[best] ?? model.kinds[0]) as K,
    probability: probabilities[best] ?? 0,
    because: pushes.map(({ feature, push }) => `${describe(feature)} (+${push.toFixed(2)})`),
  };
}

/**
 * Fits the model to labelled features by full-batch gradient descent on the mean cross-entropy with an
 * L2 penalty. Deterministic: it starts from zero and visits features and messages in a fixed order.
 */
export function trainModel<K extends string>(
  examples: readonly LabelledFeatures<K>[],
  kinds: readonly K[],
  options: TrainingOptions,
): LearnedModel<K> {
  const counts = new Map<string, number>();
  for (const { features } of examples)
    for (const feature of new Set(features)) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const vocabulary = [...counts]
    .filter(([, count]) => count >= options.minimumCount)
    .map(([feature]) => feature)
    .sort();
  const index = new Map(vocabulary.map((feature, at) => [feature, at]));
  const rows = examples.map(({ features, kind }) => ({
    columns: [...new Set(features)].flatMap((feature) => {
      const at = index.get(feature);
      return at === undefined ? [] : [at];
    }),
    label: kinds.indexOf(kind),
  }));
  const width = kinds.length;
  const weights = new Float64Array(vocabulary.length * width);
  const bias = new Float64Array(width);
  const gradient = new Float64Array(weights.length);
  const biasGradient = new Float64Array(width);
  // Adam keeps one step size right for rare and common features alike.
  const moments = { m: new Float64Array(weights.length), v: new Float64Array(weights.length) };
  const biasMoments = { m: new Float64Array(width), v: new Float64Array(width) };
  const rate = 0.05;
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const adam = (
    values: Float64Array,
    grad: Float64Array,
    { m, v }: { m: Float64Array; v: Float64Array },
    step: number,
  ) => {
    for (let i = 0; i < values.length; i++) {
      const g = grad[i] ?? 0;
      const mi = beta1 * (m[i] ?? 0) + (1 - beta1) * g;
      const vi = beta2 * (v[i] ?? 0) + (1 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      const corrected = mi / (1 - beta1 ** step) / (Math.sqrt(vi / (1 - beta2 ** step)) + epsilon);
      values[i] = (values[i] ?? 0) - rate * corrected;
    }
  };
  const n = Math.max(rows.length, 1);
  for (let step = 1; step <= options.steps; step++) {
    for (let i = 0; i < weights.length; i++) gradient[i] = options.l2 * (weights[i] ?? 0);
    biasGradient.fill(0);
    for (const { columns, label } of rows) {
      const total = [...bias];
      for (const column of columns)
        for (let k = 0; k < width; k++) total[k] = (total[k] ?? 0) + (weights[column * width + k] ?? 0);
      const probabilities = softmax(total);
      for (let k = 0; k < width; k++) {
        const error = ((probabilities[k] ?? 0) - (k === label ? 1 : 0)) / n;
        biasGradient[k] = (biasGradient[k] ?? 0) + error;
        for (const column of columns) {
          const at = column * width + k;
          gradient[at] = (gradient[at] ?? 0) + error;
        }
      }
    }
    adam(weights, gradient, moments, step);
    adam(bias, biasGradient, biasMoments, step);
  }
  return {
    kinds: [...kinds],
    bias: [...bias],
    weights: Object.fromEntries(
      vocabulary.map((feature, at) => [feature, [...weights.subarray(at * width, (at + 1) * width)]]),
    ),
  };
}

/**
 * The model as shipped: weights to two decimals, and without the features whose weight for every kind
 * stays within `minimumPush` of its average, since they barely move any reading.
 */
export function pruneModel<K extends string>(model: LearnedModel<K>, minimumPush: number): LearnedModel<K> {
  const round = (value: number) => Math.round(value * 100) / 100;
  const kept = Object.entries(model.weights).flatMap(([feature, weights]) => {
    const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
    return weights.some((weight) => Math.abs(weight - mean) >= minimumPush)
      ? [[feature, weights.map(round)] as const]
      : [];
  });
  return { kinds: model.kinds, bias: model.bias.map(round), weights: Object.fromEntries(kept) };
}

/** A model as `shippedModelJson` writes it, parsed when the first message is read, then kept. */
function parsedWhenFirstRead<K extends string>(json: string): () => Weights<K> {
  let weights: Weights<K> | undefined;
  return () => {
    weights ??= shippedWeights<K>(json);
    return weights;
  };
}

/** A reading of any shipped model (a kind, or whether a message carries a signal), parsed when first read. */
export function shippedReading<K extends string>(
  json: string,
): (features: readonly string[]) => LearnedReading<K> {
  const weights = parsedWhenFirstRead<K>(json);
  return (features) => readWeights(weights(), features);
}
