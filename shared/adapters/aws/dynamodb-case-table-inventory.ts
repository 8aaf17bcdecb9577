// Reads every intake ledger entry and every case in one pass over the case table, for retention,
// subject-rights requests and the understanding export. A scan, because they must see all of it (the
// reconciler reads recent work only, through its index); other item types are filtered out on the server.

import { type DynamoDBDocumentClient, paginateScan } from "@aws-sdk/lib-dynamodb";
import type { CaseRecord } from "../../domain/case";
import type { IntakeEntry } from "../../domain/intake";
import type { CaseTableContents, CaseTableInventory } from "../../ports";

export class DynamoDbCaseTableInventory implements CaseTableInventory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(): Promise<CaseTableContents> {
    const contents: CaseTableContents = { entries: [], cases: [] };
    const pages = paginateScan(
      { client: this.client },
      {
        TableName: this.tableName,
        FilterExpression: "itemType IN (:intake, :case)",
        ExpressionAttributeValues: { ":intake": "intake", ":case": "case" },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const { pk: _pk, sk: _sk, itemType, outcome: _outcome, workHour: _hour, ...item } of page.Items ??
        []) {
        if (itemType === "intake") contents.entries.push(item as IntakeEntry);
        else contents.cases.push(item as CaseRecord);
      }
    }
    return contents;
  }
}
