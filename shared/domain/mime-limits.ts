// Budgets a message must stay within to be processed; beyond them it is quarantined with its raw object
// kept, never parsed in full and never retried in a loop.

export interface MimeLimits {
  maxDepth: number;
  maxParts: number;
  maxAttachments: number;
  maxHtmlChars: number;
}

export const DEFAULT_MIME_LIMITS: MimeLimits = {
  maxDepth: 12,
  maxParts: 250,
  maxAttachments: 50,
  maxHtmlChars: 2_000_000,
};
