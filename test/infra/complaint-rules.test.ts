// The complaint rule pack a deployment follows is chosen at deploy time: `heed:rulePack` and
// `heed:closeOfBusiness` in context reach every function as the variables the functions select their
// pack by, a wrong pack or time stops synthesis with the reason, and without them the functions follow
// complaint-rules.json, which is bundled into them.
import { describe, expect, it } from "vitest";
import { buildHeedApp, InvalidContextError } from "../../infra/heed-app";
import { selectRulePack } from "../../shared/config/complaint-rules";
import { functionFor, resourcesOfType, synthesizeHeed, variablesOf } from "./heed-template";

const DEV = { "heed:stage": "dev" };
const SKIP_BUNDLING = { "aws:cdk:bundling-stacks": [] };

/** The Heed functions (each built from a handler under functions/), by handler. */
function heedFunctions(template: ReturnType<typeof synthesizeHeed>) {
  return Object.values(resourcesOfType(template, "AWS::Lambda::Function")).filter(
    (fn) => typeof fn.Metadata?.["heed:entry"] === "string",
  );
}

describe("the complaint rules a deployment follows", () => {
  const chosen = synthesizeHeed({ ...DEV, "heed:rulePack": "fca-disp", "heed:closeOfBusiness": "17:30" });

  it("gives every function the pack and close of business chosen in context", () => {
    const functions = heedFunctions(chosen);
    expect(functions.length).toBeGreaterThan(5);
    for (const fn of functions)
      expect(variablesOf(fn)).toMatchObject({
        COMPLAINT_RULE_PACK: "fca-disp",
        COMPLAINT_CLOSE_OF_BUSINESS: "17:30",
      });
    // The functions that open complaints, act on them and warn of their clocks select it as configured.
    for (const entry of [
      "functions/inbound-email/handler.ts",
      "functions/web-form/handler.ts",
      "functions/staff-api/handler.ts",
      "functions/follow-up-timers/handler.ts",
    ]) {
      const variables = variablesOf(functionFor(chosen, entry)[1]) as NodeJS.ProcessEnv;
      expect(selectRulePack(variables)).toMatchObject({ id: "fca-disp", closeOfBusiness: "17:30" });
    }
  });

  it("leaves the choice to complaint-rules.json when context names no pack", () => {
    const fileChosen = synthesizeHeed(DEV);
    for (const fn of heedFunctions(fileChosen)) {
      expect(variablesOf(fn)).not.toHaveProperty("COMPLAINT_RULE_PACK");
      expect(variablesOf(fn)).not.toHaveProperty("COMPLAINT_CLOSE_OF_BUSINESS");
    }
  });

  it("stops synthesis on an unknown pack or a close of business that is not a time", () => {
    expect(() => buildHeedApp({ ...SKIP_BUNDLING, ...DEV, "heed:rulePack": "fsa" })).toThrow(
      InvalidContextError,
    );
    expect(() => buildHeedApp({ ...SKIP_BUNDLING, ...DEV, "heed:rulePack": "fsa" })).toThrow(
      /unknown rule pack "fsa": choose one of fca-disp/,
    );
    expect(() =>
      buildHeedApp({ ...SKIP_BUNDLING, ...DEV, "heed:rulePack": "fca-disp", "heed:closeOfBusiness": "5pm" }),
    ).toThrow(/close of business "5pm"/);
  });
});
