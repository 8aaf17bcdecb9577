// The promise and tone check: nothing Heed sends may promise an outcome, a remedy or a deadline,
// blame the customer, or dismiss them. Process statements ("we will look into it") are fine.
// Every outbound text passes through here; a finding blocks the message and names the phrase.

export type FindingKind = "promise" | "deadline" | "blame" | "dismissive";

export interface Finding {
  kind: FindingKind;
  phrase: string;
  index: number;
}

const OUTCOME_VERBS =
  "refund|reimburse|replace|repair|compensate|credit|fix|resolve|sort(?:\\s+out)?|send\\s+(?:you\\s+)?(?:a\\s+)?(?:new|replacement)|cancel|waive|pay";

const RULES: { kind: FindingKind; pattern: RegExp }[] = [
  {
    kind: "promise",
    pattern: new RegExp(
      `\\bwe(?:'ll|\\s+will|\\s+shall|\\s+are\\s+going\\s+to)\\s+(?:definitely\\s+|certainly\\s+|now\\s+)?(?:${OUTCOME_VERBS})\\b`,
      "gi",
    ),
  },
  {
    kind: "promise",
    pattern:
      /\byou(?:'ll|\s+will)\s+(?:definitely\s+|certainly\s+)?(?:receive|get|be\s+(?:refunded|reimbursed|compensated|credited))\b/gi,
  },
  { kind: "promise", pattern: /\b(?:guarantee[sd]?|promise[sd]?|assure\s+you)\b/gi },
  {
    kind: "promise",
    pattern: /\b(?:will\s+be|is\s+being)\s+(?:refunded|replaced|repaired|fixed|resolved|compensated)\b/gi,
  },
  {
    kind: "deadline",
    pattern:
      /\b(?:by|before|within|no\s+later\s+than)\s+(?:the\s+end\s+of\s+)?(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next\s+week|this\s+week|\d+\s+(?:working\s+|business\s+)?(?:hours?|days?|weeks?))\b/gi,
  },
  { kind: "blame", pattern: /\byou\s+should\s+have\b/gi },
  { kind: "blame", pattern: /\bas\s+you\s+(?:were|have\s+been)\s+(?:told|informed|advised)\b/gi },
  {
    kind: "blame",
    pattern: /\b(?:our\s+records\s+show\s+(?:that\s+)?you\s+(?:failed|did\s+not|didn't))\b/gi,
  },
  { kind: "blame", pattern: /\byour\s+(?:own\s+)?fault\b/gi },
  { kind: "blame", pattern: /\byou\s+failed\s+to\b/gi },
  {
    kind: "dismissive",
    pattern:
      /\b(?:there\s+is\s+nothing\s+(?:more\s+)?we\s+can\s+do|not\s+our\s+problem|calm\s+down|unfortunately\s+that'?s\s+just\s+how)\b/gi,
  },
];

export function checkPromisesAndTone(text: string, allowedPhrases: readonly string[] = []): Finding[] {
  let searchable = text;
  for (const allowed of allowedPhrases) {
    // Blank out allowed policy statements while keeping offsets, so findings still point at the original text.
    searchable = searchable.split(allowed).join(" ".repeat(allowed.length));
  }
  const findings: Finding[] = [];
  for (const { kind, pattern } of RULES) {
    for (const match of searchable.matchAll(pattern)) {
      findings.push({ kind, phrase: match[0], index: match.index ?? 0 });
    }
  }
  return findings.sort((a, b) => a.index - b.index);
}

export class PromiseCheckError extends Error {
  override name = "PromiseCheckError";
  constructor(readonly findings: Finding[]) {
    super(`outbound text failed the promise and tone check: ${findings.map((f) => f.kind).join(", ")}`);
  }
}

export function assertNoPromises(text: string, allowedPhrases: readonly string[] = []): void {
  const findings = checkPromisesAndTone(text, allowedPhrases);
  if (findings.length > 0) throw new PromiseCheckError(findings);
}
