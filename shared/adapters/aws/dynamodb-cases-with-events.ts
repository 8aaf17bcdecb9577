// The notifier's read of a batch of referred cases on DynamoDB: each case item, its state item (what
// completing the case changed) and the timeline event asked about beside them, if any, all in strongly
// consistent BatchGetItem requests of a hundred keys, instead of a read of the case and a query of its
// timeline for every referral.

import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { CaseRecord } from "../../domain/case";
import type { CasesWithEvents, CaseWithEvent } from "../../ports";
import { type CaseState, withState } from "./case-state";
import { itemKeyId, readTogether } from "./dynamodb-batch-reads";
import { keys } from "./table-keys";

export class DynamoDbCasesWithEvents implements CasesWithEvents {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(
    wanted: readonly { caseReference: string; eventId?: string }[],
  ): Promise<(CaseWithEvent | undefined)[]> {
    const pairs = wanted.map(({ caseReference, eventId }) => ({
      caseKey: keys.case(caseReference),
      stateKey: keys.caseState(caseReference),
      eventKey: eventId === undefined ? undefined : keys.event(caseReference, eventId),
    }));
    // One case can be referred twice in a batch: its keys are read once.
    const found = await readTogether(
      this.client,
      this.tableName,
      pairs.flatMap(({ caseKey, stateKey, eventKey }) =>
        eventKey ? [caseKey, stateKey, eventKey] : [caseKey, stateKey],
      ),
    );
    return pairs.map(({ caseKey, stateKey, eventKey }) => {
      const item = found.get(itemKeyId(caseKey));
      if (!item) return undefined;
      const { pk: _pk, sk: _sk, itemType: _type, workHour: _hour, ...record } = item;
      const state = found.get(itemKeyId(stateKey)) as CaseState | undefined;
      return {
        record: withState(record as unknown as CaseRecord, state),
        hasEvent: eventKey !== undefined && found.has(itemKeyId(eventKey)),
      };
    });
  }
}
