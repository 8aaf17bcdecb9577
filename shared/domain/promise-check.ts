// The promise and tone check: nothing Heed sends may promise an outcome, a remedy or a deadline, blame
// the customer, defend the organisation at their expense, or dismiss them (record-details 3.2, resolve
// 1.4). Process statements ("we will look into it") pass, and so do a regulator's statements of the
// customer's own time limits. Every outbound text passes through here; a finding blocks the message
// and names the phrase, so staff can see exactly what to reword.

export type FindingKind = "promise" | "deadline" | "blame" | "defensive" | "dismissive";

export interface Finding {
  kind: FindingKind;
  phrase: string;
  /** Offset of the phrase in the checked text. */
  index: number;
}

const APOSTROPHE = "['’]";
const WE = `(?:we|i)(?:${APOSTROPHE}ll|\\s+will|\\s+shall|\\s+are\\s+going\\s+to|${APOSTROPHE}re\\s+going\\s+to|${APOSTROPHE}m\\s+going\\s+to)`;
const ADVERB = "(?:(?:definitely|certainly|surely|also|then|now|soon|immediately|personally|happily)\\s+)?";
const OUTCOME_VERB = [
  "refund",
  "reimburse",
  "replace",
  "repair",
  "compensate",
  "credit",
  "fix",
  "resolve",
  "sort\\s+(?:it|this|that|things)\\s+out",
  "sort\\s+out",
  "send\\s+(?:you\\s+)?(?:a\\s+)?(?:new|replacement|refund)",
  "cancel",
  "waive",
  "pay",
  "deliver",
  "put\\s+(?:it|this|that|things)\\s+right",
  "get\\s+(?:it|this|that)\\s+(?:fixed|sorted|resolved)",
].join("|");
const PAST_REMEDY =
  "refunded|reimbursed|replaced|repaired|fixed|resolved|compensated|credited|cancelled|waived|delivered|paid|sorted(?:\\s+out)?";
const NUMBER =
  "(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|a\\s+few|a\\s+couple\\s+of)";
const UNIT = "(?:minutes?|hours?|days?|weeks?|months?)";
const WEEKDAY = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const MONTH =
  "(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)";
const WHEN = `(?:today|tonight|tomorrow|next\\s+week|this\\s+week|the\\s+weekend|${WEEKDAY}|(?:the\\s+)?(?:end|close)\\s+of\\s+(?:the\\s+)?(?:day|week|month|play|business)|${NUMBER}\\s+(?:more\\s+)?(?:working\\s+|business\\s+|calendar\\s+)?${UNIT})`;
const DATE = `(?:\\d{1,2}[/.]\\d{1,2}(?:[/.]\\d{2,4})?|(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)(?:\\s+of\\s+${MONTH})?|\\d{1,2}\\s+${MONTH}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?::\\d{2})?\\s*(?:am|pm))`;

// Welsh: a figure, or a number word as it stands before a noun ("chwe mis", "pum diwrnod").
const WELSH_NUMBER =
  "(?:\\d+|un|dau|dwy|tri|tair|pedwar|pedair|pum|pump|chwe|chwech|saith|wyth|naw|deg|pymtheg)";

const rule = (kind: FindingKind, source: string) => ({ kind, pattern: new RegExp(`\\b${source}\\b`, "giu") });

const RULES: { kind: FindingKind; pattern: RegExp }[] = [
  // Outcomes and remedies promised.
  rule("promise", `${WE}\\s+${ADVERB}(?:${OUTCOME_VERB})`),
  rule(
    "promise",
    `you(?:${APOSTROPHE}ll|\\s+will)\\s+${ADVERB}(?:receive|get|be\\s+(?:refunded|reimbursed|compensated|credited|paid|sent))`,
  ),
  rule("promise", "(?:guarantee[sd]?|promise[sd]?|assure\\s+you|rest\\s+assured)"),
  rule("promise", `(?:will|shall)\\s+${ADVERB}be\\s+(?:${PAST_REMEDY})`),
  rule("promise", `is\\s+being\\s+(?:${PAST_REMEDY})`),
  rule(
    "promise",
    "(?:refund|replacement|repair|compensation|credit|payment|money|parcel|order|delivery)\\s+(?:will|shall)\\s+(?:definitely\\s+)?(?:arrive|reach\\s+you|be\\s+(?:with\\s+you|processed|issued|sent|back))",
  ),
  rule(
    "promise",
    `(?:this|it)\\s+(?:will\\s+not|won${APOSTROPHE}t|will\\s+never|shall\\s+not)\\s+happen\\s+again`,
  ),
  rule("promise", "will\\s+(?:definitely|certainly|surely|absolutely)"),
  // Welsh: "byddwn ni'n ad-dalu" (we will refund), "rydym yn gwarantu" (we guarantee), "addo" (promise).
  rule(
    "promise",
    `byddwn\\s+(?:ni${APOSTROPHE}n|ni\\s+yn|yn|${APOSTROPHE}n)\\s+(?:ad-dalu|talu|digolledu|amnewid|trwsio|datrys|anfon\\s+un\\s+newydd)`,
  ),
  rule("promise", "(?:gwarantu|gwarant|addo|addewid)"),
  // Deadlines.
  rule("deadline", `(?:by|before|within|in|over|no\\s+later\\s+than)\\s+(?:the\\s+next\\s+)?${WHEN}`),
  rule("deadline", `(?:by|before|no\\s+later\\s+than)\\s+${DATE}`),
  rule(
    "deadline",
    `will\\s+(?:[\\p{L}'’]+\\s+){0,4}?(?:today|tonight|tomorrow|this\\s+(?:morning|afternoon|evening|week)|next\\s+week|on\\s+${WEEKDAY})`,
  ),
  rule(
    "deadline",
    `(?:erbyn|o\\s+fewn|cyn)\\s+(?:dydd\\s+\\p{L}+|yfory|heddiw|diwedd\\s+y\\s+(?:dydd|wythnos|mis)|${WELSH_NUMBER}\\s+(?:diwrnod|awr|wythnos|mis))`,
  ),
  // Blame.
  rule("blame", "you\\s+(?:should|ought\\s+to)\\s+have"),
  rule("blame", "as\\s+you\\s+(?:were|have\\s+been)\\s+(?:told|informed|advised)"),
  rule(
    "blame",
    "our\\s+records\\s+(?:show|indicate|confirm)\\s+(?:that\\s+)?you\\s+(?:failed|did\\s+not|didn['’]t|never|forgot|neglected)",
  ),
  rule("blame", "your\\s+(?:own\\s+)?fault"),
  rule("blame", "you\\s+(?:failed|forgot|neglected)\\s+to"),
  rule("blame", "you\\s+(?:did\\s+not|didn['’]t)\\s+(?:read|follow|check)"),
  rule("blame", "if\\s+you\\s+had\\s+(?:read|followed|checked|listened)"),
  rule("blame", "you\\s+(?:are|were)\\s+(?:wrong|mistaken)"),
  // Defending the organisation at the customer's expense.
  rule("defensive", "(?:as\\s+per|per)\\s+(?:our|my)\\s+(?:policy|terms|last\\s+email|previous\\s+email)"),
  rule("defensive", "as\\s+(?:i|we)\\s+(?:have\\s+)?(?:already\\s+)?(?:explained|said|stated|mentioned)"),
  rule("defensive", "(?:not|never)\\s+our\\s+fault"),
  rule("defensive", "we\\s+(?:are|were)\\s+not\\s+(?:responsible|to\\s+blame|at\\s+fault)"),
  rule("defensive", "we\\s+did\\s+(?:nothing|not\\s+do\\s+anything)\\s+wrong"),
  rule("defensive", "through\\s+no\\s+fault\\s+of\\s+(?:our|my)\\s+own"),
  // Dismissing the customer.
  rule("dismissive", "there\\s+is\\s+nothing\\s+(?:more\\s+|else\\s+)?(?:we|i)\\s+can\\s+do"),
  rule("dismissive", "not\\s+(?:our|my)\\s+(?:problem|concern|department|responsibility)"),
  rule("dismissive", "nothing\\s+to\\s+do\\s+with\\s+us"),
  rule("dismissive", "calm\\s+down"),
  rule("dismissive", "that['’]?s\\s+just\\s+(?:how|the\\s+way)\\s+(?:it\\s+is|things\\s+are)"),
  rule("dismissive", "unfortunately\\s+that['’]?s\\s+just\\s+how"),
  rule("dismissive", "(?:we|i)\\s+(?:cannot|can['’]t|are\\s+unable\\s+to|am\\s+unable\\s+to)\\s+help\\s+you"),
  rule("dismissive", "get\\s+over\\s+it"),
  rule("dismissive", "no\\s+big\\s+deal"),
  rule("dismissive", "you(?:['’]re|\\s+are)\\s+(?:overreacting|being\\s+(?:unreasonable|difficult))"),
  rule("dismissive", "what\\s+do\\s+you\\s+expect"),
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Blanks out allowed policy statements while keeping offsets, so findings still point at the original text. */
function withoutAllowed(text: string, allowedPhrases: readonly string[]): string {
  let searchable = text;
  for (const allowed of allowedPhrases) {
    const source = allowed.trim().split(/\s+/).map(escapeRegExp).join("\\s+");
    if (!source) continue;
    searchable = searchable.replace(new RegExp(source, "giu"), (match) => " ".repeat(match.length));
  }
  return searchable;
}

/**
 * A regulator's statement about the customer's own rights and time limits ("you must refer your
 * complaint within six months", "you have six months to refer it", in Welsh "rhaid i chi wneud hynny o
 * fewn chwe mis") sets no deadline for the
 * organisation. A deadline found in a sentence with the customer as the one who may or must act is
 * not a finding, unless its own clause has the organisation undertaking something ("we will …").
 */
const CUSTOMER_ACTS = new RegExp(
  [
    `\\byou\\s+(?:can|may|must|need\\s+to|are\\s+entitled\\s+to|have\\s+(?:the\\s+right\\s+)?to)\\s+(?:do\\s+so|refer|complain|ask|bring|take|contact|go|write|apply|appeal)\\b`,
    "\\byour\\s+right\\s+to\\b",
    `\\byou\\s+have\\s+${NUMBER}\\s+${UNIT}\\s+to\\b`,
    // Welsh: "rhaid i chi" (you must), "gallwch" (you can), "mae gennych (yr) hawl i" (you have the right to).
    "\\brhaid\\s+i\\s+chi\\b",
    "\\bgallwch\\b",
    "\\bmae\\s+gennych\\s+(?:yr\\s+)?hawl\\s+i\\b",
  ].join("|"),
  "iu",
);
const ORGANISATION_UNDERTAKES = new RegExp(
  `\\b${WE}\\b|\\b(?:we|i)\\s+(?:aim|expect|intend|plan)\\b|\\bbyddwn\\b|\\brydym\\s+yn\\s+(?:anelu|bwriadu|disgwyl)\\b`,
  "iu",
);

function around(text: string, index: number, length: number, boundary: RegExp): string {
  let start = index;
  while (start > 0 && !boundary.test(text.charAt(start - 1))) start -= 1;
  let end = index + length;
  while (end < text.length && !boundary.test(text.charAt(end))) end += 1;
  return text.slice(start, end);
}

function isCustomersOwnDeadline(text: string, finding: Finding): boolean {
  if (finding.kind !== "deadline") return false;
  const sentence = around(text, finding.index, finding.phrase.length, /[.!?\n]/);
  if (!CUSTOMER_ACTS.test(sentence)) return false;
  const clause = around(text, finding.index, finding.phrase.length, /[.!?\n,;:]/).split(
    /\band\b|\bbut\b|\bac\b|\bond\b/i,
  );
  const own = clause.find((part) => part.toLowerCase().includes(finding.phrase.toLowerCase())) ?? "";
  return !ORGANISATION_UNDERTAKES.test(own);
}

export function checkPromisesAndTone(text: string, allowedPhrases: readonly string[] = []): Finding[] {
  const searchable = withoutAllowed(text, allowedPhrases);
  const findings: Finding[] = [];
  for (const { kind, pattern } of RULES) {
    for (const match of searchable.matchAll(pattern)) {
      const finding = { kind, phrase: match[0], index: match.index ?? 0 };
      if (!isCustomersOwnDeadline(searchable, finding)) findings.push(finding);
    }
  }
  // One finding per stretch of text: a phrase inside a longer finding adds nothing for the writer.
  const sorted = findings.sort((a, b) => a.index - b.index || b.phrase.length - a.phrase.length);
  return sorted.filter(
    (finding, position) =>
      !sorted.some(
        (other, otherPosition) =>
          otherPosition !== position &&
          other.index <= finding.index &&
          other.index + other.phrase.length >= finding.index + finding.phrase.length &&
          (other.phrase.length > finding.phrase.length || otherPosition < position),
      ),
  );
}

/** The text with every finding wrapped in the markers, for showing staff what to reword. */
export function highlightFindings(
  text: string,
  findings: readonly Finding[],
  markers: [string, string] = ["[[", "]]"],
): string {
  let result = "";
  let from = 0;
  for (const finding of [...findings].sort((a, b) => a.index - b.index)) {
    if (finding.index < from) continue;
    const end = finding.index + finding.phrase.length;
    result += `${text.slice(from, finding.index)}${markers[0]}${text.slice(finding.index, end)}${markers[1]}`;
    from = end;
  }
  return result + text.slice(from);
}
