// The DynamoDB adapters that keeping customers informed needs, built in one call, so every function that
// writes to customers (intake, the reconciler, the staff API) starts the quiet period the same way.

import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { FollowUpDependencies } from "../../application/customer-mail";
import { DynamoDbCaseCommunication } from "./dynamodb-case-communication";
import { DynamoDbDueItems } from "./dynamodb-due-items";

export function followUpAdapters(client: DynamoDBDocumentClient, tableName: string): FollowUpDependencies {
  return {
    store: new DynamoDbCaseCommunication(client, tableName),
    dueItems: new DynamoDbDueItems(client, tableName),
  };
}
