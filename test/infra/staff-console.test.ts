// The staff console: its files are served on two public GET routes by a function that can reach
// nothing but its logs; staff sign in through Cognito's hosted UI with the authorization code flow and
// PKCE back to the console; every API route the console calls, staff actions included, still needs a
// token from the staff user pool; and the staff API may re-refer to every level and link attachments.
import { describe, expect, it } from "vitest";
import { REFERRAL_LEVELS } from "../../infra/constructs/referral-queues";
import {
  allows,
  type CfnResource,
  functionFor,
  logicalIdOf,
  referralQueueFor,
  resourcesOfType,
  resourceWithMetadata,
  statementsOf,
  synthesizeHeed,
} from "./heed-template";

const template = synthesizeHeed();
const [consoleFunctionId, consoleFunction] = functionFor(template, "functions/staff-console/handler.ts");
const [staffApiFunctionId] = functionFor(template, "functions/staff-api/handler.ts");
const [rawMailBucketId] = resourceWithMetadata(template, "AWS::S3::Bucket", {
  "heed:role": "raw-mail-bucket",
});
const integrations = resourcesOfType(template, "AWS::ApiGatewayV2::Integration");
const routes = Object.entries(resourcesOfType(template, "AWS::ApiGatewayV2::Route"));

function targetFunctionOf(route: CfnResource): string | undefined {
  const target = route.Properties.Target as { "Fn::Join": [string, unknown[]] };
  const integration = integrations[logicalIdOf(target["Fn::Join"][1][1]) ?? ""];
  return logicalIdOf(integration?.Properties.IntegrationUri);
}

const consoleRoutes = routes.filter(([, route]) => targetFunctionOf(route) === consoleFunctionId);
const staffRoutes = routes.filter(([, route]) => targetFunctionOf(route) === staffApiFunctionId);
const variables = (consoleFunction.Properties.Environment as { Variables: Record<string, unknown> })
  .Variables;

describe("StaffConsole", () => {
  it("serves the console on two public GET routes, and nothing else", () => {
    expect(consoleRoutes.map(([, route]) => route.Properties.RouteKey).sort()).toEqual([
      "GET /console",
      "GET /console/{proxy+}",
    ]);
    for (const [id, route] of consoleRoutes) expect(route.Properties.AuthorizationType, id).toBe("NONE");
  });

  it("gives the console function no access to the case table, queues, buckets or mail", () => {
    const actions = statementsOf(template, consoleFunctionId).flatMap((statement) =>
      [statement.Action].flat(),
    );

    expect(actions.filter((action) => /^(dynamodb|sqs|s3|ses|kms):/.test(String(action)))).toEqual([]);
  });

  it("signs staff in through the hosted UI with the code flow only, back to the console", () => {
    const [client] = Object.values(resourcesOfType(template, "AWS::Cognito::UserPoolClient"));
    const callbacks = JSON.stringify(client?.Properties.CallbackURLs);

    expect(client?.Properties).toMatchObject({
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ["openid", "email", "profile"],
      SupportedIdentityProviders: ["COGNITO"],
    });
    expect(client?.Properties.GenerateSecret).not.toBe(true);
    expect(callbacks).toContain("console");
    expect(callbacks).not.toContain("example.com");
    expect(Object.values(resourcesOfType(template, "AWS::Cognito::UserPoolDomain"))).toHaveLength(1);
  });

  it("hands the console its sign-in settings, and never the sandbox's development sign-in", () => {
    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining(["CONSOLE_SIGN_IN_DOMAIN", "CONSOLE_CLIENT_ID", "CONSOLE_REDIRECT_URI"]),
    );
    expect(variables.CONSOLE_DEV_SIGN_IN_PATH).toBeUndefined();
  });

  it("keeps every staff action, search and report route behind the staff user pool's JWT authorizer", () => {
    const keys = staffRoutes.map(([, route]) => String(route.Properties.RouteKey));
    const mine = [
      "GET /api/me",
      "GET /api/search",
      "GET /api/queue",
      "GET /api/reports",
      "GET /api/cases/{ref}/attachments/{id}",
      "POST /api/cases/{ref}/claim",
      "POST /api/cases/{ref}/notes",
      "POST /api/cases/{ref}/refer",
      "POST /api/cases/{ref}/details",
      "POST /api/cases/{ref}/classification",
      "POST /api/cases/{ref}/offers",
    ];

    expect(keys).toEqual(expect.arrayContaining(mine));
    for (const [id, route] of staffRoutes) expect(route.Properties.AuthorizationType, id).toBe("JWT");
  });

  it("lets the staff API re-refer a case to every level's queue", () => {
    const statements = statementsOf(template, staffApiFunctionId);
    for (const level of REFERRAL_LEVELS) {
      expect(allows(statements, "sqs:SendMessage", referralQueueFor(template, level)[0]), level).toBe(true);
    }
  });

  it("lets the staff API read the attachments its download links are signed for, and write no objects", () => {
    const statements = statementsOf(template, staffApiFunctionId);
    const attachmentReads = statements.filter(
      (statement) =>
        [statement.Action].flat().includes("s3:GetObject") &&
        JSON.stringify(statement.Resource).includes("/attachments/*"),
    );
    expect(attachmentReads.length).toBeGreaterThan(0);
    expect(allows(statements, "s3:PutObject", rawMailBucketId)).toBe(false);
  });
});
