// Pulls the details that identify a customer and their transaction out of what they wrote.
// Every value records where it came from, so staff can judge how far to trust it.

export interface Extracted<T> {
  value: T;
  source: "header" | "body" | "form";
}

const TRANSACTION_PATTERNS: RegExp[] = [
  /\b(?:order|invoice|account|tracking|transaction)\s*(?:number|no\.?|ref(?:erence)?|#)?\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{3,24}\d)\b/gi,
  /(?:^|\s)#(\d{5,12})\b/g,
  /\b((?:ORD|INV|ACC|TXN)-[A-Z0-9-]{3,20})\b/gi,
];

export function extractTransactionReferences(text: string): string[] {
  const found = new Set<string>();
  for (const pattern of TRANSACTION_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const value = match[1]?.toUpperCase();
      if (value && /\d/.test(value) && !/^CS-/.test(value)) found.add(value);
    }
  }
  return [...found];
}
