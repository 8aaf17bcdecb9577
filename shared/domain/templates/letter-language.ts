// Which catalogue a letter or page is worded from: the customer's language when Heed has letters in it.

import { TemplateCatalogueError } from "./catalogue";
import type { Catalogue } from "./catalogue-schema";
import { CATALOGUES } from "./catalogues";

export const DEFAULT_LANGUAGE = "en";

/** The catalogue of the customer's language, or English when Heed has no letters in it. */
export function catalogueFor(language: string | undefined): Catalogue {
  const catalogue = CATALOGUES[language ?? DEFAULT_LANGUAGE] ?? CATALOGUES[DEFAULT_LANGUAGE];
  if (!catalogue) throw new TemplateCatalogueError(`no catalogue for the default language`);
  return catalogue;
}
