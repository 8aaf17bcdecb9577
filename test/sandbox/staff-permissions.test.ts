// Every staff API route of the stack × every staff group, driven from the permissions table through the
// sandbox's real authorizer path: each group signs in with the development sign-in (dev-nogroup is in no
// group), and each call is either let through or refused with 403 and the table's sentence. A route
// added to the stack without a row in routes/index.ts fails here. Then the case-level rule: a
// frontline colleague is refused every action on a management case, with valid bodies, and nothing changes.

import { beforeAll, describe, expect, it } from "vitest";
import { STAFF_ROUTES } from "../../functions/staff-api/routes";
import {
  type CapabilityRule,
  PERMISSIONS,
  STAFF_GROUPS,
  type StaffGroup,
} from "../../shared/domain/permissions";
import { type CaseView, eventsOf } from "./support/case-view";
import { caseStore, seedCase } from "./support/staff-cases";
import { withSandbox } from "./support/test-sandbox";

interface Answer {
  status: number;
  error?: { code: string; message: string };
}

/** A body each write route accepts, so the case-level rule (not validation) decides. */
const VALID_BODIES: Record<string, unknown> = {
  "POST /api/cases/{ref}/claim": {},
  "POST /api/cases/{ref}/refer": { level: "frontline", reason: "Wrong level." },
  "POST /api/cases/{ref}/details": { field: "name", value: "Alex Rivers-Smith", reason: "Spelling." },
  "POST /api/cases/{ref}/classification": { category: "billing", reason: "It is about a charge." },
  "POST /api/cases/{ref}/offers": { type: "refund", amount: 5, description: "Postage" },
  "POST /api/cases/{ref}/updates": { text: "We have asked the courier to trace the parcel." },
  "POST /api/cases/{ref}/commitments": {
    description: "Call the customer",
    dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  },
  "POST /api/cases/{ref}/commitments/{id}/kept": {},
  "POST /api/cases/{ref}/options": { options: [{ label: "A replacement kettle" }] },
  "POST /api/cases/{ref}/options/choice": { proposalId: "p-1", optionId: "1" },
  "POST /api/cases/{ref}/resolve": { agreed: "A replacement kettle was sent." },
  "POST /api/cases/{ref}/close-unresolved": { reasons: "The courier has no record of the parcel." },
};

describe("who may use each staff route", () => {
  const sandbox = withSandbox();
  const tokens = new Map<StaffGroup, string>();
  let frontlineCase = "";

  /** The stack's staff API routes, read from the synthesized template the sandbox runs. */
  const staffRoutes = () => {
    const staffApi = sandbox().plan.functions.find((fn) => fn.entry === "functions/staff-api/handler.ts");
    return sandbox()
      .plan.httpRoutes.filter((route) => route.functionLogicalId === staffApi?.logicalId)
      .map((route) => route.routeKey)
      .sort();
  };

  async function call(routeKey: string, token: string, reference: string, body?: unknown): Promise<Answer> {
    const [method = "GET", template = ""] = routeKey.split(" ");
    const path = template.replace("{ref}", reference).replace("{id}", "no-such-id");
    const response = await sandbox().fetchApi(path, {
      method,
      token,
      ...(method === "GET"
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) }),
    });
    const type = response.headers.get("content-type") ?? "";
    const parsed = type.includes("json") ? ((await response.json()) as { error?: Answer["error"] }) : {};
    return { status: response.status, ...(parsed.error ? { error: parsed.error } : {}) };
  }

  beforeAll(async () => {
    // Each group signs in as its seeded development user, as a person would in the console.
    for (const group of STAFF_GROUPS) {
      const response = await fetch(new URL("/console/dev-sign-in", sandbox().urls.http), {
        method: "POST",
        body: JSON.stringify({ username: group === "none" ? "dev-nogroup" : `dev-${group}` }),
      });
      tokens.set(group, ((await response.json()) as { token: string }).token);
    }
    frontlineCase = (await seedCase(sandbox(), { level: "frontline", unreferred: true })).reference;
  });

  it("has a row of the permissions table for every route of the stack", () => {
    const routes = staffRoutes();
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((routeKey) => !STAFF_ROUTES[routeKey])).toEqual([]);
    expect(Object.keys(STAFF_ROUTES).sort()).toEqual(routes);
  });

  it("lets each group through exactly the routes its row allows, and refuses the rest with the row's sentence", async () => {
    const outcomes: string[] = [];
    for (const routeKey of staffRoutes()) {
      const capability = STAFF_ROUTES[routeKey]?.capability;
      if (!capability) continue;
      const rule: CapabilityRule = PERMISSIONS[capability];
      for (const group of STAFF_GROUPS) {
        const answer = await call(routeKey, tokens.get(group) ?? "", frontlineCase);
        const refusedByTable = answer.status === 403 && answer.error?.message === rule.refusal;
        const expected = rule.groups.includes(group) ? "allowed" : "refused";
        const seen = refusedByTable ? "refused" : answer.status === 403 ? "refused otherwise" : "allowed";
        outcomes.push(
          `${routeKey} as ${group}: ${seen === expected ? "as the table says" : `${seen} (${answer.status})`}`,
        );
      }
    }
    expect(outcomes.filter((line) => !line.endsWith("as the table says"))).toEqual([]);
    expect(outcomes).toHaveLength(staffRoutes().length * STAFF_GROUPS.length);
  }, 240_000);

  it("refuses a frontline colleague every action on a management case, saying who can act, and changes nothing", async () => {
    // Prepare
    const record = await seedCase(sandbox(), { level: "management", unreferred: true });
    const frontline = tokens.get("frontline") ?? "";

    // Act
    const answers = new Map<string, Answer>();
    for (const [routeKey, body] of Object.entries(VALID_BODIES)) {
      answers.set(routeKey, await call(routeKey, frontline, record.reference, body));
    }

    // Assess
    for (const [routeKey, answer] of answers) {
      expect({ routeKey, ...answer }).toMatchObject({
        routeKey,
        status: 403,
        error: {
          code: "refused",
          message: expect.stringContaining("This case is referred to management, above frontline staff"),
        },
      });
    }
    const timeline = await caseStore(sandbox()).timeline(record.reference);
    expect(timeline.map((event) => event.type)).toEqual(["message-received"]);
    expect(
      (await sandbox().readCustomerMail()).filter((mail) => mail.subject.includes(record.reference)),
    ).toEqual([]);
  }, 60_000);

  it("shows a management case to frontline with only reading and notes allowed, and audits the opening for head office", async () => {
    // Prepare
    const record = await seedCase(sandbox(), { level: "management", unreferred: true });

    // Act
    const view = await sandbox().fetchApi(`/api/cases/${record.reference}`, {
      token: tokens.get("frontline") ?? "",
    });
    const headOfficeView = await sandbox().fetchApi(`/api/cases/${record.reference}`, {
      token: tokens.get("head-office") ?? "",
    });
    const access = await sandbox().fetchApi(`/api/cases/${record.reference}/access`, {
      token: tokens.get("head-office") ?? "",
    });

    // Assess
    const body = (await view.json()) as CaseView & { youMay: string[] };
    expect(body.youMay).toEqual(["read-case", "add-note"]);
    expect(((await headOfficeView.json()) as { youMay: string[] }).youMay).toContain("resolve");
    expect(eventsOf(body.timeline, "message-received")).toHaveLength(1);
    const { accesses } = (await access.json()) as { accesses: { by: string; role: string; what: string }[] };
    expect(accesses).toEqual([
      expect.objectContaining({ by: "dev-frontline@example.com", role: "frontline", what: "opened" }),
      expect.objectContaining({ by: "dev-head-office@example.com", role: "head-office", what: "opened" }),
    ]);
  });
});
