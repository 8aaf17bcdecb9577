// Reads every intake ledger entry and every case in one pass over the case table, for retention,
// subject-rights requests and the understanding export. A scan, because they must see all of it (the
// reconciler reads recent work only, through its index); other item types are filtered out on the server.

import { type DynamoDBDocumentClient, paginateScan } from "@aws-sdk/lib-dynamodb";
import type { CaseRecord } from "../../domain/case";
import type { IntakeEntry } from "../../domain/intake";
import type { CaseTableContents, CaseTableInventory } from "../../ports";
import { CASE_STATE_ITEM_TYPE, type CaseState, referenceOf, withState } from "./case-state";

export class DynamoDbCaseTableInventory implements CaseTableInventory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(): Promise<CaseTableContents> {
    const entries: IntakeEntry[] = [];
    const cases = new Map<string, CaseRecord>();
    const states = new Map<string, CaseState>();
    const pages = paginateScan(
      { client: this.client },
      {
        TableName: this.tableName,
        FilterExpression: "itemType IN (:intake, :case, :state)",
        ExpressionAttributeValues: { ":intake": "intake", ":case": "case", ":state": CASE_STATE_ITEM_TYPE },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const { pk, sk: _sk, itemType, outcome: _outcome, workHour: _hour, ...item } of page.Items ?? []) {
        if (itemType === "intake") entries.push(item as IntakeEntry);
        else if (itemType === CASE_STATE_ITEM_TYPE) states.set(referenceOf({ pk }), item as CaseState);
        else cases.set(referenceOf({ pk }), item as CaseRecord);
      }
    }
    return {
      entries,
      cases: [...cases].map(([reference, record]) => withState(record, states.get(reference))),
    };
  }
}
