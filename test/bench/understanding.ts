// `npm run understanding:eval`: the understanding section of the bench on its own, in a second.
// `-- --misses` also lists the dev split's misclassified messages with Heed's evidence; `-- --dev-only`
// scores the dev split alone, for tuning without ever seeing a test figure. `-- --unseen <file>…` scores
// labelled files that are not in the set yet, each on its own and by its figures alone (and, given
// several, together), before anyone tunes on them.

import { splitsAsked } from "./understanding-eval";
import { printUnderstanding, printUnseen } from "./understanding-report";

const unseen = process.argv.indexOf("--unseen");
if (unseen >= 0) printUnseen(process.argv.slice(unseen + 1).filter((arg) => !arg.startsWith("--")));
else printUnderstanding(process.argv.includes("--misses"), splitsAsked(process.argv));
