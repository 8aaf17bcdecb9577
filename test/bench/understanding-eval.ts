// Measures how well Heed reads customers' messages against the labelled set: every file in
// test/evaluation/dev/ (tuned on) and test/evaluation/test/ (never tuned on, only scored). For each split:
// kind accuracy, per-kind precision and recall with the confusion matrix, per-signal precision and recall,
// referrals below the guide's minimum, and the extraction figures (phones, postcodes, and the customer's
// reference codes of every type: order, account, booking, claim, policy, job…).

import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { CountryCode } from "libphonenumber-js";
import { defaultPolicy } from "../../shared/config/policy";
import { CASE_KINDS, type CaseKind, formSubject, REFERRAL_LEVELS } from "../../shared/domain/case";
import type { LearnedReadings } from "../../shared/domain/classification/learned";
import type { ExtractedDetail } from "../../shared/domain/extraction";
import { normalisePhone } from "../../shared/domain/extraction/phone";
import { forwardedMessage } from "../../shared/domain/forwarding";
import { LABELLED_SIGNALS, type LabelledMessage, labelledFileSchema } from "../../shared/domain/labelled-set";
import type { InboundEmail } from "../../shared/domain/mail";
import { type Understanding, understand } from "../../shared/domain/understanding";

export const EVALUATION_DIR = join(import.meta.dirname, "..", "evaluation");
export const SPLITS = ["dev", "test"] as const;
export type Split = (typeof SPLITS)[number];
/** What a batch of labelled messages is to the classifier: dev (tuned on), test (only scored) or unseen. */
export type Scored = Split | "unseen";

export interface EvaluationFigure {
  metric: string;
  precision: number;
  recall: number;
  /** How many labelled messages carry the label (for kinds and signals). */
  support?: number;
}

export interface Miss {
  id: string;
  expected: string;
  predicted: string;
  evidence: string[];
}

export interface SplitEvaluation {
  split: Scored;
  files: string[];
  messages: number;
  kindAccuracy: number;
  kinds: EvaluationFigure[];
  /** confusion[expected][predicted] = count. */
  confusion: Record<CaseKind, Record<CaseKind, number>>;
  signals: EvaluationFigure[];
  /** Ids of messages whose referral is below the guide's minimum for them. */
  belowMinimum: string[];
  /** How many of those Heed found every labelled signal of: the referral rules, not the reading, fell short. */
  belowMinimumWithSignalsFound: number;
  extraction: EvaluationFigure[];
  /** Kind and signal misses, with the evidence Heed gave, for reading on the dev split. */
  misses: Miss[];
}

/**
 * Every labelled message in a split's folder, each file validated, and the file each message is in (by id,
 * without ".json"); none when the folder is absent.
 */
export function loadSplit(
  split: Split,
  dir = EVALUATION_DIR,
): { files: string[]; messages: LabelledMessage[]; fileOf: ReadonlyMap<string, string> } {
  const folder = join(dir, split);
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((name) => name.endsWith(".json"))
      .sort();
  } catch {
    return { files: [], messages: [], fileOf: new Map() };
  }
  const fileOf = new Map<string, string>();
  const messages = names.flatMap((name) => {
    const inFile = readLabelledFile(join(folder, name), `${split}/${name}`);
    for (const { id } of inFile) fileOf.set(id, name.replace(/\.json$/, ""));
    return inFile;
  });
  return { files: names, messages: withUniqueIds(split, messages), fileOf };
}

/**
 * A labelled file from outside the set, as scored before anyone tunes on it: validated as the set's files
 * are, and refused when any of its ids is already in dev or test, since then it is not unseen.
 */
export function loadUnseen(
  path: string,
  dir = EVALUATION_DIR,
): { files: string[]; messages: LabelledMessage[] } {
  const messages = withUniqueIds(basename(path), readLabelledFile(path, path));
  const known = new Set(SPLITS.flatMap((split) => loadSplit(split, dir).messages.map(({ id }) => id)));
  const seen = messages.find(({ id }) => known.has(id));
  if (seen) throw new Error(`${path} is not unseen: ${seen.id} is already in the labelled set`);
  return { files: [basename(path)], messages };
}

/**
 * Several files from outside the set as one batch (a round's blind files, pooled), each loaded as
 * `loadUnseen` loads it; an id used in two of them is refused.
 */
export function loadUnseenTogether(
  paths: readonly string[],
  dir = EVALUATION_DIR,
): { files: string[]; messages: LabelledMessage[] } {
  const batches = paths.map((path) => loadUnseen(path, dir));
  return {
    files: batches.flatMap(({ files }) => files),
    messages: withUniqueIds(
      "the files together",
      batches.flatMap(({ messages }) => messages),
    ),
  };
}

function readLabelledFile(path: string, name: string): LabelledMessage[] {
  const parsed = labelledFileSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`${name} is not in the labelled-set format: ${parsed.error.message}`);
  return parsed.data.messages;
}

function withUniqueIds(where: string, messages: LabelledMessage[]): LabelledMessage[] {
  const ids = new Set<string>();
  for (const { id } of messages) {
    if (ids.has(id)) throw new Error(`${where}: the id ${id} is used twice`);
    ids.add(id);
  }
  return messages;
}

class Tally {
  truePositives = 0;
  falsePositives = 0;
  falseNegatives = 0;

  compare(predicted: Iterable<string>, expected: Iterable<string>): void {
    const wanted = new Set(expected);
    const got = new Set(predicted);
    for (const value of got) {
      if (wanted.has(value)) this.truePositives++;
      else this.falsePositives++;
    }
    for (const value of wanted) if (!got.has(value)) this.falseNegatives++;
  }

  /** Nothing predicted and nothing expected counts as perfect; nothing predicted but something expected, as 0. */
  figure(metric: string, support?: number): EvaluationFigure {
    const ratio = (hits: number, misses: number) =>
      hits + misses === 0
        ? this.falseNegatives + this.falsePositives === 0
          ? 1
          : 0
        : hits / (hits + misses);
    return {
      metric,
      precision: ratio(this.truePositives, this.falsePositives),
      recall: ratio(this.truePositives, this.falseNegatives),
      ...(support === undefined ? {} : { support }),
    };
  }
}

/** Values of a field that Heed took to be the customer's own: neither low confidence nor someone else's. */
function customers(details: readonly ExtractedDetail[], field: ExtractedDetail["field"]): string[] {
  return details
    .filter((d) => d.field === field && d.confidence !== "low" && d.kind !== "other-party")
    .map((d) => d.value);
}

/** A labelled email as the mail adapter would hand it over, for the intake's own forwarding rule. */
function inboundEmail(message: LabelledMessage): InboundEmail {
  return {
    messageId: undefined,
    from: { address: message.sender.email, name: message.sender.name },
    replyTo: undefined,
    to: [],
    subject: message.subject,
    date: undefined,
    inReplyTo: undefined,
    references: [],
    contentType: "text/plain",
    text: message.text,
    headers: new Map(),
    headerLines: [],
    htmlLength: 0,
    attachments: [],
    embeddedMessageIds: [],
    attachedMessage: undefined,
  };
}

/**
 * The message as its channel would hand it to Heed: a form post with the category the customer chose,
 * and an email a colleague forwarded read as the forwarded customer's, as intake reads it.
 */
export function understandLabelled(message: LabelledMessage, learned?: LearnedReadings): Understanding {
  const forward =
    message.channel === "email"
      ? forwardedMessage(inboundEmail(message), defaultPolicy.organisation.internalDomains)
      : undefined;
  const sender = forward
    ? { email: forward.customer.address, name: forward.customer.name || undefined }
    : { email: message.sender.email, name: message.sender.name || undefined };
  const channel = message.channel === "form" ? "web-form" : message.channel;
  return understand(
    {
      channel,
      // A form post has no subject line of its own: Heed reads it as the form intake hands it over.
      subject: message.channel === "form" ? formSubject(message.text) : (forward?.subject ?? message.subject),
      text: forward?.text ?? message.text,
      sender,
      forwarded: forward !== undefined,
      ...(message.formCategory ? { given: { category: message.formCategory } } : {}),
    },
    defaultPolicy,
    learned,
  );
}

/** A reference as written and as Heed keeps it compare alike: the case and spacing of a code are not its own. */
const referenceAsCompared = (reference: string) => reference.replace(/\s+/g, "").toUpperCase();

const REGION = defaultPolicy.extraction.defaultRegion as CountryCode;

const rank = (level: string) => REFERRAL_LEVELS.indexOf(level as (typeof REFERRAL_LEVELS)[number]);

export function evaluateSplit(
  split: Scored,
  { files, messages }: { files: string[]; messages: readonly LabelledMessage[] },
): SplitEvaluation {
  const kinds = new Map(CASE_KINDS.map((kind) => [kind, new Tally()]));
  const signals = new Map(LABELLED_SIGNALS.map((signal) => [signal, new Tally()]));
  const confusion = Object.fromEntries(
    CASE_KINDS.map((expected) => [expected, Object.fromEntries(CASE_KINDS.map((kind) => [kind, 0]))]),
  ) as SplitEvaluation["confusion"];
  const phones = new Tally();
  const chosenPhone = new Tally();
  const postcodes = new Tally();
  const references = new Tally();
  const belowMinimum: string[] = [];
  let belowMinimumWithSignalsFound = 0;
  const misses: Miss[] = [];
  let rightKinds = 0;

  for (const message of messages) {
    const understanding = understandLabelled(message);
    const { expected } = message;
    const { kind, signals: found, evidence } = understanding.classification;
    const shownEvidence = evidence.map((e) => `${e.rule}=${e.matched}`);
    confusion[expected.kind][kind]++;
    if (kind === expected.kind) rightKinds++;
    else misses.push({ id: message.id, expected: expected.kind, predicted: kind, evidence: shownEvidence });
    for (const [label, tally] of kinds)
      tally.compare(kind === label ? [message.id] : [], expected.kind === label ? [message.id] : []);
    for (const [signal, tally] of signals) {
      const predicted = found.includes(signal);
      const wanted = (expected.signals as string[]).includes(signal);
      tally.compare(predicted ? [message.id] : [], wanted ? [message.id] : []);
      if (predicted !== wanted)
        misses.push({
          id: message.id,
          expected: wanted ? signal : `no ${signal}`,
          predicted: predicted ? signal : `no ${signal}`,
          evidence: shownEvidence,
        });
    }
    if (rank(understanding.referral.level) < rank(expected.minimumLevel)) {
      belowMinimum.push(message.id);
      if (expected.signals.every((signal) => found.includes(signal))) belowMinimumWithSignalsFound++;
    }

    // A label gives a number as written ("07700 900382") or as Heed stores it ("+447700900382").
    const expectedPhones = expected.phones.map((phone) => normalisePhone(phone, REGION) ?? phone);
    phones.compare(customers(understanding.extracted, "phone"), expectedPhones);
    // The number chosen for the case is right when it is any of the customer's own.
    const chosen = understanding.customer.phone;
    const chosenRight = chosen !== undefined && expectedPhones.includes(chosen);
    chosenPhone.compare(
      chosen === undefined ? [] : [chosenRight ? "right" : "wrong"],
      expectedPhones.length > 0 ? ["right"] : [],
    );
    postcodes.compare(customers(understanding.extracted, "postcode"), expected.postcodes);
    // `orderReferences` holds every code the customer gives for themselves or the transaction, as
    // written; Heed keeps a code upper-case.
    references.compare(
      understanding.transactionReferences.map(referenceAsCompared),
      expected.orderReferences.map(referenceAsCompared),
    );
  }

  const count = (pick: (m: LabelledMessage) => boolean) => messages.filter(pick).length;
  return {
    split,
    files,
    messages: messages.length,
    kindAccuracy: messages.length === 0 ? 0 : rightKinds / messages.length,
    kinds: [...kinds].map(([kind, tally]) =>
      tally.figure(
        kind,
        count((m) => m.expected.kind === kind),
      ),
    ),
    confusion,
    signals: [...signals].map(([signal, tally]) =>
      tally.figure(
        signal,
        count((m) => (m.expected.signals as string[]).includes(signal)),
      ),
    ),
    belowMinimum,
    belowMinimumWithSignalsFound,
    extraction: [
      phones.figure("phone (every customer number)"),
      chosenPhone.figure("phone (the one chosen for the case)"),
      postcodes.figure("postcode"),
      references.figure("reference (order, account, booking, claim, …)"),
    ],
    misses,
  };
}

/** The splits named (both unless told), each scored. */
export function evaluateUnderstanding(
  splits: readonly Split[] = SPLITS,
  dir = EVALUATION_DIR,
): SplitEvaluation[] {
  return splits.map((split) => evaluateSplit(split, loadSplit(split, dir)));
}

/** `--dev-only` on the command line: the dev split alone, so work on dev never shows a test figure. */
export const splitsAsked = (argv: readonly string[]): readonly Split[] =>
  argv.includes("--dev-only") ? ["dev"] : SPLITS;
