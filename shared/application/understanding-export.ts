// Staff corrections feed the labelled set: every case where a colleague corrected the kind or the guide's
// signals becomes a labelled example (the customer's first message, the understanding as corrected),
// written in the labelled-set format so the organisation can grow its own set and measure Heed against it.

import {
  type LabelledFile,
  type LabelledMessage,
  labelledExampleFrom,
  makesLabelledExample,
} from "../domain/labelled-set";
import type { CaseStore, CaseTableInventory } from "../ports";

export interface UnderstandingExportDependencies {
  inventory: CaseTableInventory;
  cases: Pick<CaseStore, "timeline">;
}

export async function exportCorrectedExamples(deps: UnderstandingExportDependencies): Promise<LabelledFile> {
  const { cases } = await deps.inventory.read();
  const messages: LabelledMessage[] = [];
  for (const record of cases.filter(makesLabelledExample)) {
    const first = (await deps.cases.timeline(record.reference)).find(
      (event) => event.type === "message-received",
    );
    if (first?.type !== "message-received") continue;
    messages.push(labelledExampleFrom(record, { subject: first.subject, text: first.text }));
  }
  return {
    about:
      "Cases whose kind or signals staff corrected in the console, as labelled examples: the customer's first message and the understanding as corrected. Check each text for personal details before sharing the file.",
    messages,
  };
}
