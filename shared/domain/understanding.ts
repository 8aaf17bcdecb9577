// One step that reads a customer's message the way a good colleague would: who they are, what they
// want, what kind of problem it is and its likely cause, and who in the organisation should deal with it.
// Every intake channel (email, web form, staff report) calls this, so a case means the same whichever way it came.

import type { Channel, Classification, CustomerDetails, Referral } from "./case";
import { type ContactHistory, classify } from "./classification";
import { OTHER_CATEGORY } from "./classification/category";
import type { LearnedReadings } from "./classification/learned";
import {
  customerDetailsFrom,
  type ExtractedDetail,
  extractDetails,
  normalisePhone,
  normalisePostcode,
  withoutRepeats,
} from "./extraction";
import { isInternalAddress } from "./mail";
import type { Policy } from "./policy/organisation-policy";
import { type CustomerType, decideReferral } from "./referral-policy";

export type { ContactHistory } from "./classification";
export type { ExtractedDetail } from "./extraction";
export type { CustomerType } from "./referral-policy";

export interface MessageToUnderstand {
  channel: Channel;
  subject: string;
  text: string;
  /** The sender as the channel identified them (email headers, form fields, the signed-in colleague). */
  sender: { email: string; name: string | undefined };
  /** Details typed into labelled form fields; they beat anything inferred from free text. */
  given?: Partial<Pick<CustomerDetails, "name" | "phone" | "address" | "postcode">> & {
    transactionReference?: string;
    category?: string;
  };
  /** True when a colleague forwarded this message: `sender`, `subject` and `text` are then the forwarded message's. */
  forwarded?: boolean;
  /** The customer's other cases in a recent window, counted by the caller; it can make this repeat contact. */
  history?: ContactHistory;
}

export interface Understanding {
  customer: CustomerDetails;
  /** Internal when the customer writes from one of the organisation's own domains. */
  customerType: CustomerType;
  /** Staff when a colleague reported a problem they noticed themselves (the staff channel). */
  identifiedBy: "customer" | "staff";
  /** BCP-47 code of the language the customer wrote in ("en", "cy", "fr"…). */
  language: string;
  transactionReferences: string[];
  /** In pounds: the sum the customer asks for, where they mention one. */
  amountClaimed: number | undefined;
  /** What the customer asks for, where they say so: refund, replacement, repair, apology, explanation, callback. */
  wants: string[];
  /** Products, sites and services from the policy's topic list; repeated-theme detection counts them. */
  topics: string[];
  /** Adjustments the customer asks for in how we deal with them (a phone call, large print, one contact…). */
  adjustments: string[];
  extracted: ExtractedDetail[];
  classification: Classification;
  referral: Referral;
}

type Given = NonNullable<MessageToUnderstand["given"]>;

function givenDetails(given: Given, policy: Policy): ExtractedDetail[] {
  const form = (field: ExtractedDetail["field"], value: string | undefined): ExtractedDetail[] =>
    value?.trim() ? [{ field, value: value.trim(), source: "form", confidence: "high" }] : [];
  const region = policy.extraction.defaultRegion as Parameters<typeof normalisePhone>[1];
  return [
    ...form("name", given.name),
    ...form("phone", given.phone && (normalisePhone(given.phone, region) ?? given.phone)),
    ...form("address", given.address),
    ...form("postcode", given.postcode && (normalisePostcode(given.postcode) ?? given.postcode)),
    ...form("transaction-reference", given.transactionReference?.toUpperCase()),
  ];
}

export function understand(
  message: MessageToUnderstand,
  policy: Policy,
  learned?: LearnedReadings,
): Understanding {
  const { given = {}, sender } = message;
  // A form post has no subject line of its own: the one staff see is its opening words, read once, in the text.
  const subject = message.channel === "web-form" ? "" : message.subject;
  const found = extractDetails(
    {
      subject,
      text: message.text,
      from: { ...sender, source: message.channel === "email" ? "header" : "form" },
    },
    policy,
    message.forwarded ? "forwarded" : "message",
  );
  const extracted = withoutRepeats([...givenDetails(given, policy), ...found.details]);
  const transactionReferences = extracted
    .filter((d) => d.field === "transaction-reference")
    .map((d) => d.value);

  const { wants, topics, adjustments, language, ...classification } = classify(
    {
      subject,
      text: found.customerText,
      history: message.history,
      writtenBy: message.channel === "staff" ? "colleague" : "customer",
    },
    policy.classification,
    learned,
  );
  if (given.category && given.category in policy.classification.categories) {
    // A customer's pick on the web form is a hint: what they wrote wins when it shows what it is about.
    // A colleague's pick on a staff report stands.
    const written = message.channel === "web-form" && classification.category !== OTHER_CATEGORY;
    if (!written) classification.category = given.category;
    classification.evidence.push({
      rule: written ? "category:form-choice" : "category:form",
      matched: given.category,
    });
  }
  const customerType: CustomerType = isInternalAddress(sender.email, policy.organisation.internalDomains)
    ? "internal"
    : "external";
  return {
    customer: { email: sender.email, ...customerDetailsFrom(extracted) },
    customerType,
    identifiedBy: message.channel === "staff" ? "staff" : "customer",
    language,
    transactionReferences,
    amountClaimed: found.amountClaimed,
    wants,
    topics,
    adjustments,
    extracted,
    classification,
    referral: decideReferral(
      {
        classification,
        customerType,
        amountClaimed: found.amountClaimed,
        recentCases: message.history?.recentCases,
      },
      policy,
    ),
  };
}

/** The parts of an Understanding a case record keeps, whichever channel the case came by. */
export function understoodCaseFields(understanding: Understanding) {
  return {
    customer: understanding.customer,
    transactionReferences: understanding.transactionReferences,
    extracted: understanding.extracted,
    classification: understanding.classification,
    referral: understanding.referral,
    customerType: understanding.customerType,
    identifiedBy: understanding.identifiedBy,
    language: understanding.language,
    wants: understanding.wants,
    topics: understanding.topics,
    ...(understanding.adjustments.length > 0 ? { adjustments: understanding.adjustments } : {}),
    ...(understanding.amountClaimed === undefined ? {} : { amountClaimed: understanding.amountClaimed }),
  };
}
