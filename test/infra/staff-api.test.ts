// The staff API: every staff route needs a token from the staff user pool, the stage is throttled,
// and the API can read cases, release quarantined intake and send it back to the intake queue, but
// cannot create or delete items, read raw mail or send to any other queue.
import { describe, expect, it } from "vitest";
import { STAFF_GROUPS } from "../../infra/constructs/staff-api";
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

    expect(routeKeys.sort()).toEqual([
      "GET /api/cases",
      "GET /api/cases/{ref}",
      "GET /api/intake",
      "GET /api/quarantine",
      "POST /api/quarantine/{id}/release",
    ]);
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

  it("does not let the staff API function create, delete or batch-write case table items", () => {
    for (const write of [
      "dynamodb:PutItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:PartiQLInsert",
      "dynamodb:PartiQLDelete",
    ]) {
      expect(allows(staffStatements, write, caseTableId), write).toBe(false);
    }
  });

  it("lets the staff API function send released mail to the intake queue and to no other queue", () => {
    const sends = staffStatements.filter((statement) =>
      actionsOf(statement).some((action) => /^sqs:(SendMessage|\*)$/i.test(action)),
    );

    expect(sends).toEqual([
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: { "Fn::GetAtt": [intakeQueueId, "Arn"] } },
    ]);
  });

  it("does not let the staff API function read raw mail", () => {
    expect(allows(staffStatements, "s3:GetObject", rawMailBucketId)).toBe(false);
    expect(staffStatements.flatMap((statement) => statement.Action).join()).not.toMatch(/s3:/);
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
});
