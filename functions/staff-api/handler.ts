// The staff API: reads cases and the intake ledger. API Gateway's JWT authorizer admits only signed-in
// staff; this handler maps routes to queries and query results to responses.

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { dynamoDocumentClient, sqsClient } from "../../shared/adapters/aws/clients";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { DynamoDbIntakeLedger } from "../../shared/adapters/aws/dynamodb-intake-ledger";
import { SqsIntakeQueue } from "../../shared/adapters/aws/sqs-intake-queue";
import { json, problem } from "../../shared/adapters/http/responses";
import { logger } from "../../shared/adapters/logger";
import { findCases, findIntakeEntries, getCaseView } from "../../shared/application/case-queries";
import { releaseQuarantined } from "../../shared/application/quarantine";
import { readEnvironment, staffApiEnvironment } from "../../shared/config/environment";

const env = readEnvironment(staffApiEnvironment);
const cases = new DynamoDbCaseStore(dynamoDocumentClient(), env.CASE_TABLE_NAME);
const ledger = new DynamoDbIntakeLedger(dynamoDocumentClient(), env.CASE_TABLE_NAME);
const intakeQueue = new SqsIntakeQueue(sqsClient(), env.INTAKE_QUEUE_URL);

/** The signed-in member of staff, from the JWT authorizer's claims. */
function staffMember(event: APIGatewayProxyEventV2): string {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
    .authorizer?.jwt?.claims;
  return String(claims?.email ?? claims?.sub ?? "unknown");
}

type Route = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

const routes: Record<string, Route> = {
  "GET /api/cases/{ref}": async (event) => {
    const result = await getCaseView(event.pathParameters?.ref ?? "", cases);
    if (result.found) return json(200, result.view);
    if (result.reason === "not-found") return problem(404, "case-not-found", "No case has that reference.");
    return problem(400, "invalid-reference", "That is not a valid case reference.", {
      ...(result.suggestion ? { suggestion: result.suggestion } : {}),
    });
  },
  "GET /api/cases": async (event) => {
    const { email, messageId } = event.queryStringParameters ?? {};
    if (email) return json(200, { cases: await findCases({ email }, cases) });
    if (messageId) return json(200, { cases: await findCases({ messageId }, cases) });
    return problem(400, "missing-search", "Search by email or messageId.");
  },
  "GET /api/intake": async (event) => {
    const { messageId, id } = event.queryStringParameters ?? {};
    if (id) return json(200, { entries: await findIntakeEntries({ intakeId: id }, ledger) });
    if (messageId) return json(200, { entries: await findIntakeEntries({ messageId }, ledger) });
    return problem(400, "missing-search", "Search by messageId or id.");
  },
  "GET /api/quarantine": async () => json(200, { entries: await ledger.listQuarantined(100) }),
  "POST /api/quarantine/{id}/release": async (event) => {
    const intakeId = event.pathParameters?.id ?? "";
    const result = await releaseQuarantined(intakeId, staffMember(event), new Date().toISOString(), {
      ledger,
      intakeQueue,
    });
    if (result.released) return json(202, { intakeId, status: "released" });
    if (result.reason === "not-found")
      return problem(404, "intake-not-found", "No intake entry has that id.");
    return problem(409, result.reason, "Only a quarantined email can be released.");
  },
};

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const route = routes[event.routeKey];
  if (!route) return problem(404, "no-such-route", "There is no such endpoint.");
  try {
    return await route(event);
  } catch (error) {
    logger.error("staff api request failed", { routeKey: event.routeKey, error: (error as Error).name });
    return problem(500, "internal-error", "Something went wrong; the request was not completed.");
  }
}
