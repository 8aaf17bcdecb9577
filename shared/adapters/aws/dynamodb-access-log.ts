// AccessLog on DynamoDB: access events live in the case's own partition under `ACCESS#<time>#<id>`, so
// listing a case's accesses is one query in time order, and erasing the case removes them with it.

import { type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { CaseAccess } from "../../domain/case-access";
import type { AccessLog } from "../../ports";
import { queryCaseItems } from "./case-partition";
import { keys } from "./table-keys";

const ACCESS_PREFIX = "ACCESS#";

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
          pk: keys.case(access.caseReference).pk,
          sk: `${ACCESS_PREFIX}${access.at}#${access.accessId}`,
          itemType: "access",
          ...access,
        },
      }),
    );
  }

  async list(caseReference: string): Promise<CaseAccess[]> {
    const items = await queryCaseItems(this.client, this.tableName, caseReference, ACCESS_PREFIX);
    return items.map(({ pk: _pk, sk: _sk, itemType: _type, ...access }) => access as unknown as CaseAccess);
  }
}
