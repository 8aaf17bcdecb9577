// The module that ships a learned model: its JSON in a string, since a cold start parses JSON far faster
// than it compiles the same data written as code, one feature a line, so a retrained model diffs feature
// by feature. It is written beside the classifier that reads it.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type LearnedModel, shippedModelJson } from "../../shared/domain/classification/learned-model";

const CLASSIFICATION_DIR = join(import.meta.dirname, "..", "..", "shared", "domain", "classification");

/** The module's text: `header` as its opening comment, the model as the string constant `name`. */
export function weightsModule<K extends string>(
  name: string,
  header: string,
  model: LearnedModel<K>,
): string {
  const json = shippedModelJson(model).replace(/[`\\]|\$\{/g, (special) => `\\${special}`);
  const comment = header
    .split("\n")
    .map((line) => `// ${line}`)
    .join("\n");
  return `${comment}\nexport const ${name} = \`${json}\`;\n`;
}

/** Writes the module to `file` in the classifier's folder and says what was written. */
export function writeWeightsModule<K extends string>(
  file: string,
  name: string,
  header: string,
  model: LearnedModel<K>,
): string {
  const path = join(CLASSIFICATION_DIR, file);
  const shipped = weightsModule(name, header, model);
  writeFileSync(path, shipped);
  return `wrote ${Object.keys(model.weights).length} features, ${(shipped.length / 1024).toFixed(0)} KB, to ${path}`;
}
