// The staff API's adapters, created once per execution environment and shared by every route.

import { dynamoDocumentClient, sqsClient } from "../../shared/adapters/aws/clients";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { DynamoDbIntakeLedger } from "../../shared/adapters/aws/dynamodb-intake-ledger";
import { SqsIntakeQueue } from "../../shared/adapters/aws/sqs-intake-queue";
import { readEnvironment, staffApiEnvironment } from "../../shared/config/environment";

const env = readEnvironment(staffApiEnvironment);

export const cases = new DynamoDbCaseStore(dynamoDocumentClient(), env.CASE_TABLE_NAME);
export const ledger = new DynamoDbIntakeLedger(dynamoDocumentClient(), env.CASE_TABLE_NAME);
export const intakeQueue = new SqsIntakeQueue(sqsClient(), env.INTAKE_QUEUE_URL);
