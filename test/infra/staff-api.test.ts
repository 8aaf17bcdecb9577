// The staff API: every route needs a token from the staff user pool, and the API can read cases
// but has no way to change them.
import { describe, expect, it } from "vitest";
import { STAFF_GROUPS } from "../../infra/constructs/staff-api";
import {
  actionsOf,
  functionFor,
  logicalIdOf,
  resourcesOfType,
  statementsOf,
  synthesizeHeed,
} from "./heed-template";

const template = synthesizeHeed();
const [staffApiFunctionId] = functionFor(template, "functions/staff-api/handler.ts");

describe("StaffApi", () => {
  it("serves the case list, a case by reference and the intake ledger", () => {
    const routeKeys = Object.values(resourcesOfType(template, "AWS::ApiGatewayV2::Route")).map(
      (route) => route.Properties.RouteKey,
    );

    expect(routeKeys.sort()).toEqual(["GET /api/cases", "GET /api/cases/{ref}", "GET /api/intake"]);
  });

  it("protects every route with a JWT authorizer issued by the staff user pool", () => {
    const routes = Object.entries(resourcesOfType(template, "AWS::ApiGatewayV2::Route"));
    const authorizers = resourcesOfType(template, "AWS::ApiGatewayV2::Authorizer");
    const [userPoolId] = Object.keys(resourcesOfType(template, "AWS::Cognito::UserPool"));

    for (const [id, route] of routes) {
      expect(route.Properties.AuthorizationType, id).toBe("JWT");
      const authorizer = authorizers[logicalIdOf(route.Properties.AuthorizerId) ?? ""];
      expect(authorizer?.Properties.AuthorizerType, id).toBe("JWT");
      expect(JSON.stringify(authorizer?.Properties.JwtConfiguration), id).toContain(`"Ref":"${userPoolId}"`);
    }
  });

  it("routes every request to the staff API function", () => {
    const integrations = Object.values(resourcesOfType(template, "AWS::ApiGatewayV2::Integration"));

    expect(integrations).not.toHaveLength(0);
    for (const integration of integrations) {
      expect(integration.Properties.IntegrationUri).toEqual({ "Fn::GetAtt": [staffApiFunctionId, "Arn"] });
      expect(integration.Properties.PayloadFormatVersion).toBe("2.0");
    }
  });

  it("lets the staff API function read the case table but not write to it", () => {
    const actions = statementsOf(template, staffApiFunctionId).flatMap(actionsOf);

    expect(actions).toEqual(expect.arrayContaining(["dynamodb:GetItem", "dynamodb:Query"]));
    for (const write of [
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:*",
    ]) {
      expect(actions).not.toContain(write);
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
});
