// Conditional single-item writes, the way Heed writes once without transactions: a write whose condition
// does not hold is an answer (false), not an error. DynamoDB's ConditionalCheckFailedException is
// recognised here and nowhere else; every other failure is thrown.

import {
  type DynamoDBDocumentClient,
  PutCommand,
  type PutCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";

/** By name, so it holds whichever copy of the SDK's client threw it. */
function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

/** The write's output, or undefined when its condition did not hold. */
export async function unlessConditionFails<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

type Conditional<T> = T & { ConditionExpression: string };

/** Puts the item under its condition: true when it was written, false when the condition did not hold. */
export async function conditionalPut(
  client: DynamoDBDocumentClient,
  input: Conditional<PutCommandInput>,
): Promise<boolean> {
  return (await unlessConditionFails(client.send(new PutCommand(input)))) !== undefined;
}

/** Applies the update under its condition: true when applied, false when the condition did not hold. */
export async function conditionalUpdate(
  client: DynamoDBDocumentClient,
  input: Conditional<UpdateCommandInput>,
): Promise<boolean> {
  return (await unlessConditionFails(client.send(new UpdateCommand(input)))) !== undefined;
}

/** Puts the item unless one with its key is already there: true when this write stored it. */
export function putIfAbsent(
  client: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown> & { pk: string; sk: string },
): Promise<boolean> {
  return conditionalPut(client, {
    TableName: tableName,
    Item: item,
    ConditionExpression: "attribute_not_exists(pk)",
  });
}
