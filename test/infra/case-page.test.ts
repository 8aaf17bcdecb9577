// The case page as deployed: public routes on the staff API's HTTP API, served by a function that may
// read the case and write additions (table items, attachments under `attachments/`) but cannot read raw
// mail or delete anything; and one generated signing key shared by the page and every function that
// writes letters (each handed the secret's ARN and read access, never the value), so each letter's link is
// one the page accepts.
import { describe, expect, it } from "vitest";
import { ATTACHMENT_PREFIX } from "../../shared/adapters/aws/s3-attachment-store";
import {
  actionsOf,
  allows,
  DESTRUCTIVE_TABLE_ACTIONS,
  functionFor,
  logicalIdOf,
  resourcesOfType,
  resourceWithMetadata,
  statementsOf,
  synthesizeHeed,
  tableActionsOf,
  variablesOf,
} from "./heed-template";

const template = synthesizeHeed();
const [pageFunctionId, pageFunction] = functionFor(template, "functions/case-page/handler.ts");
const statements = statementsOf(template, pageFunctionId);
const routes = Object.values(resourcesOfType(template, "AWS::ApiGatewayV2::Route")).filter((route) =>
  String(route.Properties.RouteKey).includes(" /case"),
);

describe("CasePage", () => {
  it("serves the page and its forms on public routes, with no authorizer: the signed link is the credential", () => {
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual([
      "GET /case",
      "GET /case/{token}",
      "POST /case",
      "POST /case/{token}",
    ]);
    for (const route of routes) {
      expect(route.Properties.AuthorizationType).toBe("NONE");
      expect(JSON.stringify(route.Properties.Target)).toContain("PageIntegration");
    }
  });

  it("may read and add to case-table items, but not delete, scan or batch-write them", () => {
    const tableActions = tableActionsOf(statements);

    expect(tableActions).toEqual(
      expect.arrayContaining(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"]),
    );
    for (const forbidden of DESTRUCTIVE_TABLE_ACTIONS) expect(tableActions).not.toContain(forbidden);
  });

  it("may only put attachments, never read raw mail or any other object", () => {
    const [rawMailBucketId] = resourceWithMetadata(template, "AWS::S3::Bucket", {
      "heed:role": "raw-mail-bucket",
    });
    const s3Statements = statements.filter((statement) =>
      actionsOf(statement).some((a) => a.startsWith("s3:")),
    );

    expect(s3Statements.flatMap(actionsOf)).toEqual(["s3:PutObject"]);
    expect(JSON.stringify(s3Statements[0]?.Resource)).toContain(`/${ATTACHMENT_PREFIX}*`);
    expect(JSON.stringify(s3Statements[0]?.Resource)).toContain(rawMailBucketId);
  });

  it("signs links with one generated secret read at run time, by the page and every function that writes letters", () => {
    const secretId = logicalIdOf(variablesOf(pageFunction).CASE_PAGE_SIGNING_KEY_SECRET) ?? "";
    const secrets = resourcesOfType(template, "AWS::SecretsManager::Secret");

    expect(secrets[secretId]?.Properties.GenerateSecretString).toMatchObject({
      PasswordLength: 64,
    });
    for (const entry of [
      "functions/case-page/handler.ts",
      "functions/inbound-email/handler.ts",
      "functions/web-form/handler.ts",
      "functions/staff-api/handler.ts",
      "functions/reconciler/handler.ts",
    ]) {
      const [functionId, fn] = functionFor(template, entry);
      const variables = variablesOf(fn);
      expect(variables.CASE_PAGE_SIGNING_KEY_SECRET, entry).toEqual({ Ref: secretId });
      expect(JSON.stringify(variables), entry).not.toContain("{{resolve:secretsmanager");
      expect(
        allows(statementsOf(template, functionId), "secretsmanager:GetSecretValue", secretId),
        entry,
      ).toBe(true);
      expect(variables.CASE_PAGE_BASE_URL, entry).toEqual(variablesOf(pageFunction).CASE_PAGE_BASE_URL);
      expect(variables.CASE_PAGE_LINK_DAYS, entry).toBe("30");
    }
  });
});
