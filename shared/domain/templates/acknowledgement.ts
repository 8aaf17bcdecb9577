// The first reply a customer gets: the reference and how to quote it, a plain restatement of what we
// understood with an invitation to correct it, one closed question per detail we still need, and what
// happens next in process terms — never promising an outcome or a deadline. A data protection request
// gets its own acknowledgement, naming the team that handles such requests and where to learn more; a
// compliment gets thanks and no questions (and the adjustments offered, when it tells of the customer's
// own lasting condition); a customer who told us of a bereavement, illness or hardship
// gets a letter that recognises it, offers the organisation's adjustments and asks only what is needed.

import type { CaseRecord } from "../case";
import { ACTING_FOR } from "../classification/scope";
import { DATA_BREACH_SIGNAL, DATA_PROTECTION_SIGNAL, VULNERABILITY_SIGNAL } from "../classification/signals";
import { acknowledgementId, type CareNote } from "./catalogue";
import type { Letterhead } from "./letters";
import { letterValues } from "./letters";
import { type Contact, heedValue, type RenderedMessage, renderMessage } from "./render";

export type ClosedQuestion = "transaction-reference" | "phone";

const NEEDS_TRANSACTION_REFERENCE = new Set(["delivery", "billing-refund", "product-fault"]);

/** Whether the customer told us something that may make them vulnerable, and asked for more than to praise. */
export function needsCare(record: CaseRecord): boolean {
  const { kind, signals } = record.classification;
  return kind !== "compliment" && signals.includes(VULNERABILITY_SIGNAL);
}

/** The care note for what the customer told us: the first driver their words show, in this order. */
const CARE_ORDER: readonly CareNote[] = ["bereavement", "health", "capability", "resilience", "life-event"];
/** The evidence that the writer acts for someone else ("I'm writing for my mother", a support worker). */
const ACTING_FOR_RULE = `scope:${ACTING_FOR}`;
/**
 * A writer who acts for someone is thanked for telling us about that person, not about "your health": the
 * condition is theirs. A bereavement is the writer's own loss too, so it keeps its note.
 */
export function careNoteFor(record: CaseRecord): CareNote {
  const rules = new Set(record.classification.evidence.map((e) => e.rule));
  const note = CARE_ORDER.find((driver) => rules.has(`${VULNERABILITY_SIGNAL}:${driver}`)) ?? "general";
  return note !== "bereavement" && rules.has(ACTING_FOR_RULE) ? "someone-they-act-for" : note;
}

/**
 * A closed question for each detail the case is missing; a compliment is not questioned, and a customer
 * who needs care is asked only for what we cannot look into the case without (not for a phone number:
 * a call is offered among the adjustments instead).
 */
export function closedQuestions(record: CaseRecord): ClosedQuestion[] {
  if (record.classification.kind === "compliment") return [];
  const questions: ClosedQuestion[] = [];
  if (
    NEEDS_TRANSACTION_REFERENCE.has(record.classification.category) &&
    record.transactionReferences.length === 0
  ) {
    questions.push("transaction-reference");
  }
  if (!record.customer.phone && !needsCare(record)) questions.push("phone");
  return questions;
}

const LEARNED_DATA_PROTECTION_RULE = `learned:signal:${DATA_PROTECTION_SIGNAL}`;

export function isDataProtectionRequest(record: CaseRecord): boolean {
  // A breach reported to us is answered as the complaint or problem it is; a request for access, erasure
  // or correction gets the data-protection letter, whatever else the customer said. A data-protection
  // matter only the learned reading found is referred as one, but gets that letter only when the customer
  // asks us for something: it may be a breach told in words the rules do not know.
  const { signals, kind, evidence } = record.classification;
  const learnedOnly = evidence.some((e) => e.rule === LEARNED_DATA_PROTECTION_RULE);
  const breachOnly = (signals.includes(DATA_BREACH_SIGNAL) || learnedOnly) && kind !== "request";
  return signals.includes(DATA_PROTECTION_SIGNAL) && !breachOnly;
}

export interface AcknowledgementExtras {
  /** The configured response-time statement in the customer's language, worded as policy; null for none. */
  responseTimeStatement: string | null;
  /** Where a data protection request's customer can learn about their rights. */
  rightsHelp: readonly Contact[];
  /** The adjustments the organisation offers a customer who needs care, as catalogue keys. */
  adjustmentsOffered: readonly string[];
}

/**
 * The acknowledgement for a sender SES could not authenticate (neither SPF nor DKIM passed): anyone may
 * have put that address in From, so nothing the sender chose (subject, name, words) is sent back to it,
 * and Heed cannot be used to relay text to a third party.
 */
export function renderNeutralAcknowledgement(record: CaseRecord, letterhead: Letterhead): RenderedMessage {
  return renderMessage(letterhead.catalogue, "acknowledgement-neutral", {
    organisationName: heedValue(letterhead.organisationName),
    reference: heedValue(record.reference),
  });
}

export function renderAcknowledgement(
  record: CaseRecord,
  letterhead: Letterhead,
  extras: AcknowledgementExtras,
): RenderedMessage {
  const { catalogue } = letterhead;
  const values = {
    ...letterValues(record, letterhead),
    ...(extras.responseTimeStatement ? { responseTime: heedValue(extras.responseTimeStatement) } : {}),
  };
  if (isDataProtectionRequest(record)) {
    return renderMessage(catalogue, "data-protection-acknowledgement", {
      ...values,
      rightsHelp: { type: "contacts", entries: extras.rightsHelp },
    });
  }
  const acknowledgement = {
    ...values,
    about: heedValue(
      catalogue.categories[record.classification.category] ?? catalogue.categories.other ?? "",
    ),
    questions: {
      type: "list",
      items: closedQuestions(record).map((question) => catalogue.questions[question]),
      source: "heed",
    },
  } as const;
  const asked = record.adjustments ?? [];
  const wordsFor = (keys: readonly string[]) =>
    keys.flatMap((key) => (catalogue.adjustments[key] ? [catalogue.adjustments[key]] : []));
  const { kind, signals } = record.classification;
  // A compliment keeps a vulnerability only for the customer's own lasting condition: the thank-you
  // offers the adjustments, as it bears on how we deal with them next time.
  if (kind === "compliment")
    return renderMessage(catalogue, acknowledgementId(kind), {
      ...acknowledgement,
      adjustments: {
        type: "list",
        items: signals.includes(VULNERABILITY_SIGNAL) ? wordsFor(extras.adjustmentsOffered) : [],
        source: "heed",
      },
    });
  if (!needsCare(record)) return renderMessage(catalogue, acknowledgementId(kind), acknowledgement);
  return renderMessage(catalogue, "acknowledgement-care", {
    ...acknowledgement,
    care: heedValue(catalogue.care[careNoteFor(record)]),
    asked: { type: "list", items: wordsFor(asked), source: "heed" },
    adjustments: {
      type: "list",
      items: wordsFor(extras.adjustmentsOffered.filter((key) => !asked.includes(key))),
      source: "heed",
    },
  });
}
