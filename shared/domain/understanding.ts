// One step that reads a customer's message the way a good colleague would: who they are, what they
// want, what kind of problem it is and its likely cause, and who in the organisation should deal with it.
// Both intake channels (email and web form) call this, so a case means the same whichever way it came.

import type { Policy } from "../config/policy";
import type { Channel, Classification, CustomerDetails, Referral } from "./case";
import { classify } from "./classification";
import { extractTransactionReferences } from "./extraction";
import { decideReferral } from "./referral-policy";

export interface MessageToUnderstand {
  channel: Channel;
  subject: string;
  text: string;
  /** The sender as the channel identified them (email headers, form fields). */
  sender: { email: string; name: string | undefined };
  /** Details the customer typed into labelled form fields; they beat anything inferred from free text. */
  given?: Partial<Pick<CustomerDetails, "name" | "phone" | "address" | "postcode">> & {
    transactionReference?: string;
    category?: string;
  };
}

/** Where an extracted value came from, so staff can judge how far to trust it. */
export interface ExtractedDetail {
  field: "name" | "email" | "phone" | "address" | "postcode" | "transaction-reference";
  value: string;
  source: "header" | "body" | "signature" | "form";
}

export interface Understanding {
  customer: CustomerDetails;
  transactionReferences: string[];
  extracted: ExtractedDetail[];
  classification: Classification;
  referral: Referral;
}

export function understand(message: MessageToUnderstand, policy: Policy): Understanding {
  const { given = {} } = message;
  const fromText = extractTransactionReferences(`${message.subject}\n${message.text}`);
  const transactionReferences = given.transactionReference
    ? [given.transactionReference, ...fromText.filter((r) => r !== given.transactionReference)]
    : fromText;
  const source: ExtractedDetail["source"] = message.channel === "email" ? "header" : "form";
  const name = given.name ?? message.sender.name;
  const extracted: ExtractedDetail[] = [
    { field: "email", value: message.sender.email, source },
    ...(name ? [{ field: "name" as const, value: name, source }] : []),
    ...transactionReferences.map((value) => ({
      field: "transaction-reference" as const,
      value,
      source: value === given.transactionReference ? ("form" as const) : ("body" as const),
    })),
  ];
  const classification = classify(message.subject, message.text, policy.classification);
  if (given.category && given.category in policy.classification.categories) {
    classification.category = given.category;
    classification.evidence.push({ rule: "category:form", matched: given.category });
  }
  return {
    customer: {
      name,
      email: message.sender.email,
      phone: given.phone,
      address: given.address,
      postcode: given.postcode,
    },
    transactionReferences,
    extracted,
    classification,
    referral: decideReferral(classification, policy.referral),
  };
}
