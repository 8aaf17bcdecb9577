// The web form as deployed: two public routes on the staff API's HTTP API, deliberately without the
// staff authorizer, served by a function that may record, refer and acknowledge cases but can never
// read raw mail, and whose signing key comes from a generated secret, not from the template.
import { describe, expect, it } from "vitest";
import { SECRET_CACHE_SECONDS } from "../../infra/constructs/heed-function";
import { REFERRAL_LEVELS } from "../../infra/constructs/referral-queues";
import { webFormEnvironment } from "../../shared/config/environment";
import {
  actionsOf,
  allows,
  DESTRUCTIVE_TABLE_ACTIONS,
  functionFor,
  logicalIdOf,
  referralQueueFor,
  resourcesOfType,
  resourceWithMetadata,
  statementsOf,
  synthesizeHeed,
  tableActionsOf,
} from "./heed-template";

const template = synthesizeHeed();
const [formFunctionId, formFunction] = functionFor(template, "functions/web-form/handler.ts");
const variables = (formFunction.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const statements = statementsOf(template, formFunctionId);
const routes = Object.values(resourcesOfType(template, "AWS::ApiGatewayV2::Route"));
const formRoutes = routes.filter((route) =>
  ["GET /", "POST /api/forms"].includes(String(route.Properties.RouteKey)),
);

describe("WebForm", () => {
  it("serves the form page and its endpoint on the staff API's HTTP API", () => {
    const [apiId] = Object.keys(resourcesOfType(template, "AWS::ApiGatewayV2::Api"));

    expect(formRoutes.map((route) => route.Properties.RouteKey).sort()).toEqual(["GET /", "POST /api/forms"]);
    for (const route of formRoutes) expect(logicalIdOf(route.Properties.ApiId)).toBe(apiId);
  });

  it("leaves both form routes without an authorizer, on purpose: customers are not signed in", () => {
    for (const route of formRoutes) {
      expect(route.Properties.AuthorizationType, String(route.Properties.RouteKey)).toBe("NONE");
      expect(route.Properties.AuthorizerId).toBeUndefined();
    }
  });

  it("sends both routes to the web-form function with payload 2.0", () => {
    const integrations = resourcesOfType(template, "AWS::ApiGatewayV2::Integration");

    for (const route of formRoutes) {
      const target = JSON.stringify(route.Properties.Target);
      const [integrationId] = Object.keys(integrations).filter((id) => target.includes(id));
      const integration = integrations[integrationId ?? ""];
      expect(integration?.Properties.IntegrationUri).toEqual({ "Fn::GetAtt": [formFunctionId, "Arn"] });
      expect(integration?.Properties.PayloadFormatVersion).toBe("2.0");
    }
  });

  it("gives the function every environment variable its handler requires", () => {
    const required = Object.entries(webFormEnvironment.shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([name]) => name);

    expect(required).toContain("FORM_SIGNING_KEY_SECRET");
    expect(Object.keys(variables)).toEqual(expect.arrayContaining(required));
    expect(webFormEnvironment.safeParse({ ...resolvedForParsing(variables) }).success).toBe(true);
  });

  it("reads the signing key from a generated secret at run time: the ARN is in its configuration, never the value", () => {
    const [secretId, secret] =
      Object.entries(resourcesOfType(template, "AWS::SecretsManager::Secret")).find(([, candidate]) =>
        String(candidate.Properties.Description).includes("web form"),
      ) ?? [];

    expect(secret?.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    expect(variables.FORM_SIGNING_KEY_SECRET).toEqual({ Ref: secretId });
    expect(variables.POWERTOOLS_PARAMETERS_MAX_AGE).toBe(String(SECRET_CACHE_SECONDS));
    expect(JSON.stringify(variables)).not.toContain("{{resolve:secretsmanager");
    expect(allows(statements, "secretsmanager:GetSecretValue", secretId ?? "")).toBe(true);
    expect(allows(statements, "secretsmanager:PutSecretValue", secretId ?? "")).toBe(false);
  });

  it("cannot read raw mail or touch any bucket", () => {
    const [rawMailBucketId] = resourceWithMetadata(template, "AWS::S3::Bucket", {
      "heed:role": "raw-mail-bucket",
    });

    expect(statements.flatMap(actionsOf).filter((action) => action.startsWith("s3:"))).toEqual([]);
    expect(JSON.stringify(statements)).not.toContain(rawMailBucketId);
    expect(Object.keys(variables)).not.toContain("RAW_MAIL_BUCKET");
  });

  it("may read and write single case-table items, but not delete, scan or batch-write them", () => {
    const tableActions = tableActionsOf(statements);

    expect(tableActions).toEqual(
      expect.arrayContaining(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]),
    );
    for (const forbidden of DESTRUCTIVE_TABLE_ACTIONS) expect(tableActions).not.toContain(forbidden);
  });

  it("may send to every referral queue and send mail only through the domain identity", () => {
    for (const level of REFERRAL_LEVELS) {
      const [queueId] = referralQueueFor(template, level);
      const sends = statements.filter(
        (statement) =>
          actionsOf(statement).includes("sqs:SendMessage") &&
          [statement.Resource].flat().some((resource) => logicalIdOf(resource) === queueId),
      );
      expect(sends, `sqs:SendMessage on the ${level} queue`).not.toHaveLength(0);
    }
    const sesStatements = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith("ses:")),
    );
    expect(sesStatements).toHaveLength(1);
    expect(JSON.stringify(sesStatements[0]?.Resource)).not.toContain('"*"');
  });
});

/** Stand-ins for the deploy-time values, so the environment schema can judge the rest. */
function resolvedForParsing(variables: Record<string, unknown>): Record<string, string> {
  const stand = (name: string, value: unknown) => {
    if (typeof value === "string") return value;
    if (name.startsWith("REFERRAL_QUEUE_URL_")) return "https://sqs.eu-west-2.amazonaws.com/1/queue";
    if (name === "CASE_PAGE_BASE_URL") return "https://abc.execute-api.eu-west-2.amazonaws.com/";
    return "x".repeat(64);
  };
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, stand(name, value)]));
}
