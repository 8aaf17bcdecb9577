// Finds the references that identify a customer's transaction (order, invoice, account and tracking
// numbers) using the policy's keywords ("order number 55812") and patterns ("#100234", "ORD-2024-55812"),
// so staff can look the transaction up and the customer is not asked for what they already gave.

import { phraseSource } from "../classification/phrases";
import type { Policy } from "../policy/organisation-policy";

type ReferenceRules = Pick<Policy["extraction"], "transactionReferences" | "minimumReferenceDigits">;

export interface FoundReference {
  /** The type from the policy: order, invoice, account, tracking… */
  type: string;
  /** Upper-case, without a leading "#". */
  value: string;
  index: number;
  length: number;
}

interface CompiledType {
  type: string;
  patterns: RegExp[];
}

/** Words that may stand between a keyword and its value: "order number:", "commande n°", "rhif". */
const QUALIFIER = "(?:\\s+(?:number|no\\.?|num|ref(?:erence)?|id|code|n°|nº|numéro|rhif))?";
const JOINER = "\\s*(?:is|was|:|=|-)?\\s*#?\\s*";
const VALUE = "([\\p{L}\\p{N}][\\p{L}\\p{N}-]*)";

function keywordPattern(keywords: readonly string[]): RegExp {
  const alternatives = [...keywords].sort((a, b) => b.length - a.length).map(phraseSource);
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}])${QUALIFIER}${JOINER}${VALUE}`,
    "giu",
  );
}

const compiled = new WeakMap<ReferenceRules["transactionReferences"], CompiledType[]>();
function compile(rules: ReferenceRules["transactionReferences"]): CompiledType[] {
  let types = compiled.get(rules);
  if (!types) {
    types = Object.entries(rules).map(([type, { keywords, patterns }]) => ({
      type,
      patterns: [
        ...(keywords.length > 0 ? [keywordPattern(keywords)] : []),
        ...patterns.map((source) => new RegExp(source, "giu")),
      ],
    }));
    compiled.set(rules, types);
  }
  return types;
}

/** Heed's own case and customer references are never a transaction's. */
const HEED_REFERENCE = /^C[SU]-/;

export function findTransactionReferences(text: string, rules: ReferenceRules): FoundReference[] {
  const found: FoundReference[] = [];
  const seen = new Set<string>();
  for (const { type, patterns } of compile(rules.transactionReferences)) {
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const captured = match[1] ?? match[0];
        const value = captured.replace(/^#/, "").replace(/-+$/, "").toUpperCase();
        const digits = value.replace(/\D/g, "").length;
        if (digits < rules.minimumReferenceDigits || HEED_REFERENCE.test(value) || seen.has(value)) continue;
        seen.add(value);
        const index = match.index + match[0].lastIndexOf(captured);
        found.push({ type, value, index, length: captured.length });
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
