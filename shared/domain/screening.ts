// Decides, before any case is created or any mail sent, whether a message may become a case and be
// answered. Machines are never answered (RFC 3834 and the practice of real auto-responders), delivery
// reports are matched to what bounced, spam and viruses are quarantined, and mail Heed cannot handle
// safely is quarantined with a reason. Each decision names its reason code.

import { firstHeader, type InboundEmail, normaliseEmailAddress } from "./mail";
import { readSesVerdicts } from "./ses-verdicts";

export type SuppressionReason =
  | "auto-submitted"
  | "auto-reply-subject"
  | "bulk-or-list"
  | "empty-return-path"
  | "machine-sender"
  | "delivery-report"
  | "auto-reply-suppressed"
  | "own-address"
  | "own-loop-header"
  | "honeypot";

export type QuarantineReason =
  | "unparseable"
  | "no-sender"
  | "too-large"
  | "too-deep"
  | "too-many-parts"
  | "too-many-attachments"
  | "html-too-large"
  | "spam"
  | "virus";

export type ScreeningDecision =
  | {
      action: "accept";
      possibleSpoof: boolean;
      /** SES saw SPF or DKIM pass for the sender; otherwise the From address may be anyone's. */
      authenticated: boolean;
    }
  | { action: "suppress"; reason: SuppressionReason }
  | { action: "quarantine"; reason: QuarantineReason };

/** Header Heed puts on everything it sends, so its own mail is recognised when it comes back. */
export const LOOP_HEADER = "X-Heed-Loop";

const MACHINE_LOCAL_PART = /^(?:mailer-daemon|postmaster|no-?reply|do-?not-?reply|.+-request|owner-.+)$/i;
/** Subjects Exchange, Outlook and Gmail put on out-of-office replies (English and common locales). */
const AUTO_REPLY_SUBJECT =
  /^(?:automatic reply|auto(?:matic)?[- ]?reply|out of (?:the )?office|abwesenheitsnotiz|réponse automatique|respuesta automática|ateb awtomatig)\s*:/i;

export interface ScreeningContext {
  ownAddresses: readonly string[];
}

function automaticMailReason(email: InboundEmail, sender: string): SuppressionReason | undefined {
  const header = (name: string) => firstHeader(email.headers, name)?.trim();
  if (/^multipart\/report/i.test(email.contentType)) return "delivery-report";
  const autoSubmitted = header("auto-submitted");
  if (autoSubmitted && !/^no\b/i.test(autoSubmitted)) return "auto-submitted";
  if (/^(?:bulk|list|junk)\b/i.test(header("precedence") ?? "")) return "bulk-or-list";
  if ([...email.headers.keys()].some((name) => name.startsWith("list-"))) return "bulk-or-list";
  if (/^<\s*>$/.test(header("return-path") ?? "")) return "empty-return-path";
  if (MACHINE_LOCAL_PART.test(sender.split("@")[0] ?? "")) return "machine-sender";
  if (/\b(?:all|oof|autoreply)\b/i.test(header("x-auto-response-suppress") ?? ""))
    return "auto-reply-suppressed";
  if (AUTO_REPLY_SUBJECT.test(email.subject.trim())) return "auto-reply-subject";
  return undefined;
}

export function screen(email: InboundEmail, context: ScreeningContext): ScreeningDecision {
  const sender = email.from?.address;
  if (!sender) return { action: "quarantine", reason: "no-sender" };

  const verdicts = readSesVerdicts(email.headerLines);
  if (verdicts.virus === "fail") return { action: "quarantine", reason: "virus" };
  if (verdicts.spam === "fail") return { action: "quarantine", reason: "spam" };

  if (email.headers.has(LOOP_HEADER.toLowerCase())) return { action: "suppress", reason: "own-loop-header" };
  const own = new Set(context.ownAddresses.map(normaliseEmailAddress));
  if (own.has(normaliseEmailAddress(sender))) return { action: "suppress", reason: "own-address" };

  const automatic = automaticMailReason(email, sender);
  if (automatic) return { action: "suppress", reason: automatic };

  return {
    action: "accept",
    possibleSpoof: verdicts.spf === "fail" || verdicts.dmarc === "fail",
    authenticated: verdicts.spf === "pass" || verdicts.dkim === "pass",
  };
}
