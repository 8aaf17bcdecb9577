// Decides, before any case is created or any mail sent, whether a message may become a case and be
// answered. Machines are never answered (RFC 3834 and the practice of real auto-responders); mail
// Heed cannot handle safely is quarantined with a reason. Each decision names its reason code.

import { firstHeader, type InboundEmail, normaliseEmailAddress } from "./mail";

export type ScreeningDecision =
  | { action: "accept" }
  | { action: "suppress"; reason: SuppressionReason }
  | { action: "quarantine"; reason: QuarantineReason };

export type SuppressionReason =
  | "auto-submitted"
  | "bulk-or-list"
  | "empty-return-path"
  | "machine-sender"
  | "delivery-report"
  | "auto-reply-suppressed"
  | "own-address"
  | "own-loop-header";

export type QuarantineReason = "unparseable" | "no-sender" | "too-large";

/** Header Heed puts on everything it sends, so its own mail is recognised when it comes back. */
export const LOOP_HEADER = "X-Heed-Loop";

const MACHINE_LOCAL_PART = /^(?:mailer-daemon|postmaster|no-?reply|do-?not-?reply|.+-request|owner-.+)$/i;

export interface ScreeningContext {
  ownAddresses: readonly string[];
}

export function screen(email: InboundEmail, context: ScreeningContext): ScreeningDecision {
  const header = (name: string) => firstHeader(email.headers, name)?.trim();
  const sender = email.from?.address;
  if (!sender) return { action: "quarantine", reason: "no-sender" };

  if (email.headers.has(LOOP_HEADER.toLowerCase())) return { action: "suppress", reason: "own-loop-header" };
  const own = new Set(context.ownAddresses.map(normaliseEmailAddress));
  if (own.has(normaliseEmailAddress(sender))) return { action: "suppress", reason: "own-address" };

  if (/^multipart\/report/i.test(email.contentType)) return { action: "suppress", reason: "delivery-report" };
  const autoSubmitted = header("auto-submitted");
  if (autoSubmitted && !/^no\b/i.test(autoSubmitted)) return { action: "suppress", reason: "auto-submitted" };
  if (/^(?:bulk|list|junk)\b/i.test(header("precedence") ?? ""))
    return { action: "suppress", reason: "bulk-or-list" };
  if ([...email.headers.keys()].some((name) => name.startsWith("list-"))) {
    return { action: "suppress", reason: "bulk-or-list" };
  }
  if (/^<\s*>$/.test(header("return-path") ?? "")) return { action: "suppress", reason: "empty-return-path" };
  if (MACHINE_LOCAL_PART.test(sender.split("@")[0] ?? ""))
    return { action: "suppress", reason: "machine-sender" };
  if (/\b(?:all|oof|autoreply)\b/i.test(header("x-auto-response-suppress") ?? "")) {
    return { action: "suppress", reason: "auto-reply-suppressed" };
  }
  return { action: "accept" };
}
