// The emails that tell a level's team about referrals (one, or a digest of several) and tell management
// about a repeated theme: what the case is, why it came to them, what is still missing, and a link to it
// in the staff console. They go to colleagues, so they carry the summary a colleague needs but not the
// customer's contact details, which stay behind the console's sign-in.

import type { CaseRecord, ReferralLevel } from "../case";
import { maskContactDetails } from "../extraction/contact-masking";

export interface ReferralNotice {
  referralId: string;
  level: ReferralLevel;
  /** A referral moves the case to the level; a follow-up asks the level to look at it again. */
  purpose: "referral" | "follow-up";
  reason: string;
  /** Set when a colleague re-referred the case rather than intake. */
  referredBy?: string;
  record: CaseRecord;
}

export interface ThemeAlertNotice {
  alertId: string;
  theme: string;
  /** The sentence intake wrote for management. */
  summary: string;
  caseReferences: string[];
}

export interface NotificationContext {
  consoleBaseUrl: string;
  organisationName: string;
  /** How the level's team is named, e.g. "our customer service supervisors". */
  teamName: string;
}

export interface StaffNotification {
  subject: string;
  text: string;
}

const LEVEL_TEAMS: Record<ReferralLevel, string> = {
  frontline: "frontline",
  supervisor: "supervisors",
  management: "management",
  "head-office": "head office",
};

const CAUSE_WORDS: Record<string, string> = {
  "expectation-gap": "a gap between what the customer expected and what we offer",
  "system-or-procedure-failure": "a failure of a system or procedure",
  unknown: "not yet known",
};

const NEEDS_TRANSACTION_REFERENCE = new Set(["delivery", "billing-refund", "product-fault"]);

// Bidirectional overrides and isolates, marks, zero-width characters and other invisible format
// characters: shown as ⟨U+XXXX⟩ so a colleague sees that the text contains them.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: making control characters visible is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function visibleText(text: string): string {
  return text.replace(
    INVISIBLE,
    (character) => `⟨U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}⟩`,
  );
}

/** What a colleague will need to ask the customer for, in words. */
export function missingDetails(record: CaseRecord): string[] {
  const missing: string[] = [];
  if (!record.customer.name) missing.push("the customer's name");
  if (!record.customer.phone) missing.push("a phone number");
  if (
    NEEDS_TRANSACTION_REFERENCE.has(record.classification.category) &&
    record.transactionReferences.length === 0
  ) {
    missing.push("an order, invoice or account number");
  }
  if (record.form?.contactPreference === "post" && !record.customer.address) missing.push("a postal address");
  if (record.acknowledgement.state !== "sent" && record.acknowledgement.state !== "pending")
    missing.push("an acknowledgement: the customer has not been told we have their message");
  if (record.flags["customer-not-informed"]) missing.push("a working email address: our reply bounced");
  return missing;
}

export function caseLink(consoleBaseUrl: string, reference: string): string {
  return `${consoleBaseUrl}#/cases/${encodeURIComponent(reference)}`;
}

function when(iso: string): string {
  const date = new Date(iso);
  const day = date.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  return `${day}, ${date.toISOString().slice(11, 16)} UTC`;
}

function describe(record: CaseRecord): string {
  const { kind, category } = record.classification;
  const article = /^[aeiou]/.test(kind) ? "an" : "a";
  return `${article} ${kind} about ${category.replaceAll("-", " ")}`;
}

function caseSection(notice: ReferralNotice, context: NotificationContext): string[] {
  const { record } = notice;
  const { classification } = record;
  const missing = missingDetails(record);
  return [
    `${record.reference}: ${describe(record)}`,
    `Received: ${when(record.createdAt)} by ${record.channel.replace("-", " ")}`,
    `Likely cause: ${CAUSE_WORDS[classification.cause] ?? classification.cause}`,
    ...(classification.signals.length > 0
      ? [`Signals: ${classification.signals.map((signal) => signal.replaceAll("-", " ")).join(", ")}`]
      : []),
    ...(record.repeatContact && record.repeatContact.recentCases > 0
      ? [
          `Earlier contact: ${record.repeatContact.recentCases} other case(s) in ${record.repeatContact.windowDays} days`,
        ]
      : []),
    "",
    notice.purpose === "follow-up"
      ? "Why it needs you now:"
      : notice.referredBy
        ? `Why it was referred (by ${notice.referredBy}):`
        : "Why it was referred:",
    visibleText(notice.reason),
    "",
    missing.length > 0 ? "What is missing:" : "What is missing: nothing; the usual details are there.",
    ...missing.map((item) => `- ${item}`),
    "",
    "What the customer said, in short (contact details masked):",
    `"${visibleText(maskContactDetails(record.summary))}"`,
    "",
    `Open the case: ${caseLink(context.consoleBaseUrl, record.reference)}`,
  ];
}

function footer(context: NotificationContext): string[] {
  return [
    "",
    "--",
    `Heed, for ${context.organisationName}. This notice was sent automatically; replies to it are not read.`,
    "Customers' contact details are in the staff console, not in this email.",
  ];
}

/** One referral, or a digest when several reached the same team together. */
export function renderReferralNotification(
  notices: readonly ReferralNotice[],
  context: NotificationContext,
): StaffNotification {
  const [first] = notices;
  if (!first) throw new RangeError("a referral notification needs at least one referral");
  const team = LEVEL_TEAMS[first.level];
  if (notices.length === 1) {
    const followUp = first.purpose === "follow-up";
    return {
      subject: `${followUp ? `Needs ${team}` : `Referred to ${team}`}: ${first.record.reference}, ${describe(first.record)}`,
      text: [
        followUp
          ? `A case needs ${context.teamName} to look at it again.`
          : `A case has been referred to ${context.teamName}.`,
        "",
        ...caseSection(first, context),
        ...footer(context),
      ].join("\n"),
    };
  }
  const sections = notices.flatMap((notice, index) => [
    `${index + 1} of ${notices.length}`,
    ...caseSection(notice, context),
    "",
  ]);
  return {
    subject: `${notices.length} cases for ${team}`,
    text: [
      `${notices.length} cases have been referred to ${context.teamName} or need them again, oldest first.`,
      `Your queue: ${context.consoleBaseUrl}#/queue`,
      "",
      ...sections,
      ...footer(context),
    ].join("\n"),
  };
}

export function renderThemeAlertNotification(
  alert: ThemeAlertNotice,
  context: NotificationContext,
): StaffNotification {
  return {
    subject: `Repeated theme: ${alert.theme} (${alert.caseReferences.length} cases)`,
    text: [
      `Customers keep raising the same thing: ${alert.theme}.`,
      "",
      visibleText(alert.summary),
      "",
      "The cases:",
      ...alert.caseReferences.map(
        (reference) => `- ${reference}: ${caseLink(context.consoleBaseUrl, reference)}`,
      ),
      "",
      `Dashboard: ${context.consoleBaseUrl}#/dashboard`,
      ...footer(context),
    ].join("\n"),
  };
}
