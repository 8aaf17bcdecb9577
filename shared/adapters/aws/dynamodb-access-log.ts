// AccessLog on DynamoDB: access events live in the case's own partition under `ACCESS#<time>#<id>`, so
// listing a case's accesses is one query in time order, and erasing the case removes them with it.

import { type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { CaseAccess } from "../../domain/case-access";
import type { AccessLog } from "../../ports";
import { queryCaseItems } from "./case-partition";
import { keys } from "./table-keys";

export class DynamoDbAccessLog implements AccessLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(access: CaseAccess): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.access(access.caseReference, access.at, access.accessId),
          itemType: "access",
          ...access,
        },
      }),
    );
  }

  async list(caseReference: string): Promise<CaseAccess[]> {
    const items = await queryCaseItems(this.client, this.tableName, caseReference, keys.accessPrefix);
    return items.map(({ pk: _pk, sk: _sk, itemType: _type, ...access }) => access as unknown as CaseAccess);
  }
}
