// The staff API: every staff route needs a token from the staff user pool, the stage is throttled,
// and the API reaches only what its routes use: the case table without batch writes, raw mail under
// its two prefixes, the intake queue (released quarantine) and the referral queues (re-referral).
import { describe, expect, it } from "vitest";
import { STAFF_GROUPS, STAGE_LIMITS } from "../../infra/constructs/staff-api";
import {
  actionsOf,
  allows,
  type CfnResource,
  functionFor,
  logicalIdOf,
  resourcesOfType,
  resourceWithMetadata,
  statementsOf,
  synthesizeHeed,
} from "./heed-template";

const template = synthesizeHeed();
const [staffApiFunctionId] = functionFor(template, "functions/staff-api/handler.ts");
const [caseTableId] = resourceWithMetadata(template, "AWS::DynamoDB::Table", { "heed:role": "case-table" });
const [rawMailBucketId] = resourceWithMetadata(template, "AWS::S3::Bucket", {
  "heed:role": "raw-mail-bucket",
});
const [intakeQueueId] = resourceWithMetadata(template, "AWS::SQS::Queue", { "heed:role": "intake-queue" });
const staffStatements = statementsOf(template, staffApiFunctionId);

const integrations = resourcesOfType(template, "AWS::ApiGatewayV2::Integration");
/** Routes whose integration invokes the staff API function (the public web form has its own). */
const staffRoutes = Object.entries(resourcesOfType(template, "AWS::ApiGatewayV2::Route")).filter(
  ([, route]) => targetFunctionOf(route) === staffApiFunctionId,
);

function targetFunctionOf(route: CfnResource): string | undefined {
  const target = route.Properties.Target as { "Fn::Join": [string, unknown[]] };
  const integration = integrations[logicalIdOf(target["Fn::Join"][1][1]) ?? ""];
  return logicalIdOf(integration?.Properties.IntegrationUri);
}

describe("StaffApi", () => {
  it("serves cases, the intake ledger and quarantine review from the staff API function", () => {
    const routeKeys = staffRoutes.map(([, route]) => route.Properties.RouteKey);

    expect(routeKeys).toEqual(
      expect.arrayContaining([
        "GET /api/cases",
        "GET /api/cases/{ref}",
        "GET /api/intake",
        "GET /api/quarantine",
        "POST /api/quarantine/{id}/release",
        "GET /api/search",
        "POST /api/cases/{ref}/updates",
        "POST /api/data-protection/erase",
      ]),
    );
    expect(new Set(routeKeys).size).toBe(routeKeys.length);
  });

  it("protects every staff route with a JWT authorizer issued by the staff user pool", () => {
    const authorizers = resourcesOfType(template, "AWS::ApiGatewayV2::Authorizer");
    const [userPoolId] = Object.keys(resourcesOfType(template, "AWS::Cognito::UserPool"));

    for (const [id, route] of staffRoutes) {
      expect(route.Properties.AuthorizationType, id).toBe("JWT");
      const authorizer = authorizers[logicalIdOf(route.Properties.AuthorizerId) ?? ""];
      expect(authorizer?.Properties.AuthorizerType, id).toBe("JWT");
      expect(JSON.stringify(authorizer?.Properties.JwtConfiguration), id).toContain(`"Ref":"${userPoolId}"`);
    }
  });

  it("invokes the staff API function with the HTTP API 2.0 payload", () => {
    const staffIntegrations = Object.values(integrations).filter(
      (integration) => logicalIdOf(integration.Properties.IntegrationUri) === staffApiFunctionId,
    );

    expect(staffIntegrations).not.toHaveLength(0);
    for (const integration of staffIntegrations) {
      expect(integration.Properties.PayloadFormatVersion).toBe("2.0");
    }
  });

  it("lets the staff API function get, query and update case table items", () => {
    for (const action of ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"]) {
      expect(allows(staffStatements, action, caseTableId), action).toBe(true);
    }
  });

  it("does not let the staff API function batch-write case table items or use PartiQL", () => {
    for (const write of ["dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLDelete"]) {
      expect(allows(staffStatements, write, caseTableId), write).toBe(false);
    }
  });

  it("lets the staff API function send only to the intake queue and the referral queues", () => {
    const referralQueueIds = Object.entries(resourcesOfType(template, "AWS::SQS::Queue"))
      .filter(([, queue]) => queue.Metadata?.["heed:role"] === "referral-queue")
      .map(([id]) => id);
    const targets = staffStatements
      .filter((statement) => actionsOf(statement).some((action) => /^sqs:(SendMessage|\*)$/i.test(action)))
      .flatMap((statement) => [statement.Resource].flat().map(logicalIdOf));

    expect(referralQueueIds).toHaveLength(4);
    expect(new Set(targets)).toEqual(new Set([intakeQueueId, ...referralQueueIds]));
  });

  it("lets the staff API function reach raw mail only under the inbound and attachment prefixes", () => {
    const s3Resources = staffStatements
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith("s3:")))
      .flatMap((statement) => [statement.Resource].flat());

    expect(s3Resources).not.toHaveLength(0);
    for (const resource of s3Resources) {
      const [, parts] = (resource as { "Fn::Join": [string, unknown[]] })["Fn::Join"];
      expect(logicalIdOf(parts[0])).toBe(rawMailBucketId);
      expect(["/inbound/*", "/attachments/*"]).toContain(parts[1]);
    }
  });

  it("creates a user pool group for each referral level and for admins", () => {
    const groupNames = Object.values(resourcesOfType(template, "AWS::Cognito::UserPoolGroup")).map(
      (group) => group.Properties.GroupName,
    );

    expect(groupNames.sort()).toEqual([...STAFF_GROUPS].sort());
  });

  it("lets only admins create staff accounts, and requires MFA", () => {
    template.hasResourceProperties("AWS::Cognito::UserPool", {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: "ON",
    });
  });

  it("throttles the default stage", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it("limits each public customer route on its own, below the stage's limit, and creates the stage after them", () => {
    const [[stageId, stage]] = Object.entries(resourcesOfType(template, "AWS::ApiGatewayV2::Stage")) as [
      [string, CfnResource],
    ];
    const routeSettings = stage.Properties.RouteSettings as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;
    const publicRouteIds = Object.entries(resourcesOfType(template, "AWS::ApiGatewayV2::Route"))
      .filter(([, route]) => route.Properties.AuthorizationType === "NONE")
      .filter(([, route]) => !String(route.Properties.RouteKey).includes("/console"));

    expect(Object.keys(routeSettings).sort()).toEqual(
      [
        "GET /",
        "POST /api/forms",
        "GET /feedback/{token}",
        "POST /feedback/{token}",
        "GET /case/{token}",
        "POST /case/{token}",
        "GET /case",
        "POST /case",
      ].sort(),
    );
    for (const [key, limits] of Object.entries(routeSettings)) {
      expect(limits.ThrottlingRateLimit, key).toBeLessThan(STAGE_LIMITS.rateLimit);
      expect(limits.ThrottlingBurstLimit, key).toBeLessThan(STAGE_LIMITS.burstLimit);
    }
    expect(stage.DependsOn ?? [], stageId).toEqual(expect.arrayContaining(publicRouteIds.map(([id]) => id)));
  });

  it("gives each function one invoke permission for the whole API, not one per route", () => {
    const permissions = Object.values(resourcesOfType(template, "AWS::Lambda::Permission")).filter(
      (permission) => permission.Properties.Principal === "apigateway.amazonaws.com",
    );
    const perFunction = new Map<string, number>();
    for (const permission of permissions) {
      const fn = logicalIdOf(permission.Properties.FunctionName) ?? "";
      perFunction.set(fn, (perFunction.get(fn) ?? 0) + 1);
    }

    expect(perFunction.get(staffApiFunctionId)).toBe(1);
    expect([...perFunction.values()].every((count) => count === 1)).toBe(true);
  });
});
