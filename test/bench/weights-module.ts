// The module that ships a learned model: its JSON in a string, since a cold start parses JSON far faster
// than it compiles the same data written as code, one feature a line, so a retrained model diffs feature
// by feature.

import { type LearnedModel, shippedModelJson } from "../../shared/domain/classification/learned-model";

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
