// `npm run understanding:eval`: the understanding section of the bench on its own, in a second.
// `-- --misses` also lists the dev split's misclassified messages with Heed's evidence.

import { printUnderstanding } from "./understanding-report";

printUnderstanding(process.argv.includes("--misses"));
