// In-memory stand-ins for the ports only the customer's case page uses (stored attachments, the rate
// limiter, the customer's own answers) and the case page's dependencies wired on the letter fakes at a
// fixed instant, for the tests of viewing a case and adding to it.
import { HmacCasePageTokens } from "../../../shared/adapters/hmac-case-page-tokens";
import type { CasePageDependencies } from "../../../shared/application/case-page";
import type { AttachmentRecord } from "../../../shared/domain/attachments";
import type { AttachmentInfo } from "../../../shared/domain/mail";
import type {
  AttachmentStore,
  ByteStream,
  CustomerGivenDetails,
  GivenDetails,
  RateLimiter,
  RateLimitRule,
} from "../../../shared/ports";
import { automaticReplyDependencies, type Letters } from "./letters";
import { MemoryIntakeLedger } from "./memory-intake-ledger";

/** Stored attachments by key, with the bytes that were streamed. */
export class MemoryAttachments implements AttachmentStore {
  readonly stored = new Map<string, Uint8Array>();
  async put(caseReference: string, attachmentId: string, attachment: AttachmentInfo, content: ByteStream) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of content) chunks.push(chunk);
    const storageKey = `attachments/${caseReference}/${attachmentId}`;
    this.stored.set(storageKey, Buffer.concat(chunks));
    const record: AttachmentRecord = {
      displayName: attachment.filename,
      declaredType: attachment.contentType,
      detectedType: attachment.contentType,
      size: attachment.size,
      storageKey,
    };
    return record;
  }
}

/** Fixed-window counts per rule and subject; the window is never reset, as tests stay in one. */
export class CountingRateLimiter implements RateLimiter {
  readonly counts = new Map<string, number>();
  async take(rule: RateLimitRule, subject: string, _at: Date) {
    const key = `${rule.name}#${subject}`;
    const used = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, used);
    return used <= rule.limit;
  }
}

/** The answers customers gave on their cases, applied to nothing else. */
export class MemoryGivenDetails implements CustomerGivenDetails {
  readonly given = new Map<string, GivenDetails>();
  async recordGivenDetails(reference: string, details: GivenDetails, _at: string) {
    this.given.set(reference, structuredClone(details));
  }
}

const rule = (name: string, limit: number): RateLimitRule => ({ name, limit, windowSeconds: 3600 });

/** The case page's dependencies on the letter fakes, with the case page's own fakes beside them. */
export function casePageDependencies(letters: Letters) {
  const ledger = new MemoryIntakeLedger();
  const attachments = new MemoryAttachments();
  const rateLimiter = new CountingRateLimiter();
  const givenDetails = new MemoryGivenDetails();
  const tokens = new HmacCasePageTokens("p".repeat(64));
  const deps: CasePageDependencies = {
    ...automaticReplyDependencies(letters),
    casePage: { tokens, baseUrl: "https://api.example.com", linkValidDays: 30 },
    store: letters.store,
    givenDetails,
    ledger,
    attachments,
    rateLimiter,
    limits: {
      additionsPerCase: rule("case-page-case", 2),
      additionsPerIp: rule("case-page-ip", 20),
      linkRequestsPerReference: rule("link-reference", 3),
      linkRequestsPerAddress: rule("link-address", 3),
      linkRequestsPerIp: rule("link-ip", 10),
    },
  };
  return { deps, ledger, attachments, rateLimiter, givenDetails, tokens };
}
