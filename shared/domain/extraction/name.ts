// Finds the customer's name where people give it: the display name of their email address
// ("Smith, Jane" or "JANE SMITH" tidied), the name under their sign-off, or "my name is…" in the text.
// Titles are dropped so a greeting never reads "Dear Mrs,".

import { looksLikePersonName, withoutTitle } from "./message-parts";

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** A person's name from an email display name, or undefined for "Customer Services", "jo.b@…" and the like. */
export function nameFromDisplayName(display: string | undefined): string | undefined {
  let name = display?.replace(/["']/g, "").replace(/\s+/g, " ").trim() ?? "";
  if (name === "" || name.includes("@")) return undefined;
  const [surname, given, ...rest] = name.split(",").map((part) => part.trim());
  if (surname && given && rest.length === 0) name = `${given} ${surname}`;
  if (name === name.toUpperCase()) name = name.split(" ").map(titleCase).join(" ");
  return looksLikePersonName(name) ? withoutTitle(name) : undefined;
}

// No "i" flag: it would let \p{Lu} match lower-case letters too.
const NAME_GIVEN = /(?:\b[Mm]y name is|^[ \t]*[Nn]ame[ \t]*:)[ \t]*((?:\p{Lu}[\p{L}'’-]*[ \t]?){1,4})/mu;

/** "My name is Jane Smith" or a "Name: Jane Smith" line in what the customer wrote. */
export function nameFromText(text: string): string | undefined {
  const name = NAME_GIVEN.exec(text)?.[1]?.trim();
  return name && looksLikePersonName(name) ? withoutTitle(name) : undefined;
}

export function isFullName(name: string): boolean {
  return name.trim().split(/\s+/).length >= 2;
}
