// Loads the letter catalogues Heed ships (messages/<lang>.json) and checks each when this module loads. A
// deployed function's bundle has this module replaced by the catalogues checked when it was bundled
// (infra/constructs/checked-policies.ts), so no function builds the catalogue schema at start.

import type { Catalogue } from "./catalogue-schema";
import { parseCatalogue } from "./catalogue-schema";
import cy from "./messages/cy.json" with { type: "json" };
import en from "./messages/en.json" with { type: "json" };

/** Every catalogue Heed ships, by the file's language; a new language is a file in messages/ and a line here. */
const SHIPPED_CATALOGUES: Readonly<Record<string, unknown>> = { en, cy };

export const SHIPPED_LANGUAGES: readonly string[] = Object.keys(SHIPPED_CATALOGUES);

/** Each shipped catalogue, checked, by its language. */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = Object.fromEntries(
  Object.values(SHIPPED_CATALOGUES).map((json) => {
    const catalogue = parseCatalogue(json);
    return [catalogue.language, catalogue];
  }),
);
