// `npm run understanding:eval`: the understanding section of the bench on its own, in a second.
// `-- --misses` also lists the dev split's misclassified messages with Heed's evidence; `-- --dev-only`
// scores the dev split alone, for tuning without ever seeing a test figure.

import { splitsAsked } from "./understanding-eval";
import { printUnderstanding } from "./understanding-report";

printUnderstanding(process.argv.includes("--misses"), splitsAsked(process.argv));
