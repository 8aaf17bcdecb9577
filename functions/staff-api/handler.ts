// The staff API: reads cases and the intake ledger. API Gateway's JWT authorizer admits only signed-in
// staff; this handler maps routes to queries and query results to responses.

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { dynamoDocumentClient } from "../../shared/adapters/aws/clients";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { DynamoDbIntakeLedger } from "../../shared/adapters/aws/dynamodb-intake-ledger";
import { json, problem } from "../../shared/adapters/http/responses";
import { logger } from "../../shared/adapters/logger";
import { findCases, findIntakeEntries, getCaseView } from "../../shared/application/case-queries";
import { caseTableEnvironment, readEnvironment } from "../../shared/config/environment";

const env = readEnvironment(caseTableEnvironment);
const cases = new DynamoDbCaseStore(dynamoDocumentClient(), env.CASE_TABLE_NAME);
const ledger = new DynamoDbIntakeLedger(dynamoDocumentClient(), env.CASE_TABLE_NAME);

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
