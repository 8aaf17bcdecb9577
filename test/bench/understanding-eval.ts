// Measures how well Heed reads customers' messages, against a labelled set written apart from the unit
// fixtures (test/evaluation/messages.json): precision and recall of the kind, the customer's phone
// numbers (all of them, and the one chosen for the case), postcodes and order references.

import { defaultPolicy } from "../../shared/config/policy";
import { CASE_KINDS } from "../../shared/domain/case";
import type { ExtractedDetail } from "../../shared/domain/extraction";
import { understand } from "../../shared/domain/understanding";
import evaluationSet from "../evaluation/messages.json" with { type: "json" };

export interface EvaluationFigure {
  metric: string;
  precision: number;
  recall: number;
}

export interface LabelledMessage {
  id: string;
  sender: { email: string; name: string };
  subject: string;
  text: string;
  expected: { kind: string; phones: string[]; postcodes: string[]; orderReferences: string[] };
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
  figure(metric: string): EvaluationFigure {
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
    };
  }
}

/** Values of a field that Heed took to be the customer's own: neither low confidence nor someone else's. */
function customers(details: readonly ExtractedDetail[], field: ExtractedDetail["field"]): string[] {
  return details
    .filter((d) => d.field === field && d.confidence !== "low" && d.kind !== "other-party")
    .map((d) => d.value);
}

export function evaluateUnderstanding(
  messages: readonly LabelledMessage[] = evaluationSet.messages,
): EvaluationFigure[] {
  const kinds = new Map(CASE_KINDS.map((kind) => [kind, new Tally()]));
  const phones = new Tally();
  const chosenPhone = new Tally();
  const postcodes = new Tally();
  const orders = new Tally();

  for (const message of messages) {
    const understanding = understand(
      {
        channel: "email",
        subject: message.subject,
        text: message.text,
        sender: { email: message.sender.email, name: message.sender.name || undefined },
      },
      defaultPolicy,
    );
    const { expected } = message;
    for (const [kind, tally] of kinds) {
      const predicted = understanding.classification.kind === kind ? [message.id] : [];
      tally.compare(predicted, expected.kind === kind ? [message.id] : []);
    }
    phones.compare(customers(understanding.extracted, "phone"), expected.phones);
    // The number chosen for the case is right when it is any of the customer's own.
    const chosen = understanding.customer.phone;
    const chosenRight = chosen !== undefined && expected.phones.includes(chosen);
    chosenPhone.compare(
      chosen === undefined ? [] : [chosenRight ? "right" : "wrong"],
      expected.phones.length > 0 ? ["right"] : [],
    );
    postcodes.compare(customers(understanding.extracted, "postcode"), expected.postcodes);
    orders.compare(
      understanding.extracted
        .filter((d) => d.field === "transaction-reference" && d.kind === "order")
        .map((d) => d.value),
      expected.orderReferences,
    );
  }

  const perKind = [...kinds].map(([kind, tally]) => tally.figure(`kind: ${kind}`));
  const average = (pick: (f: EvaluationFigure) => number) =>
    perKind.reduce((sum, figure) => sum + pick(figure), 0) / perKind.length;
  return [
    {
      metric: "kind (macro-average)",
      precision: average((f) => f.precision),
      recall: average((f) => f.recall),
    },
    ...perKind,
    phones.figure("phone (every customer number)"),
    chosenPhone.figure("phone (the one chosen for the case)"),
    postcodes.figure("postcode"),
    orders.figure("order reference"),
  ];
}
