// Reads of personal data leave a trace head office can list per case: finding a case by a customer's
// email (search box or lookup), and exporting a person's data, each write an access event with who,
// their role, what and when — and never the value that was searched for.

import { describe, expect, it } from "vitest";
import { callApi, colleague, seedCase } from "./support/staff-cases";
import { withSandbox } from "./support/test-sandbox";

interface AccessList {
  accesses: { by: string; role: string; what: string; detail?: string; at: string }[];
}

describe("auditing reads of personal data", () => {
  const sandbox = withSandbox();

  it("records each search hit and lookup by email, with the kind of detail but never the address", async () => {
    // Prepare
    const email = `audit.${Date.now()}@example.org`;
    const record = await seedCase(sandbox(), { customer: { email }, unreferred: true });
    const jo = colleague(sandbox(), "frontline");
    const dpo = colleague(sandbox(), "head-office");

    // Act
    const search = await callApi(sandbox(), jo.token, `/api/search?${new URLSearchParams({ q: email })}`);
    const lookup = await callApi(sandbox(), jo.token, `/api/cases?${new URLSearchParams({ email })}`);
    const nothing = await callApi(sandbox(), jo.token, "/api/search?q=nobody.at.all%40example.org");
    const audit = await callApi<AccessList>(sandbox(), dpo.token, `/api/cases/${record.reference}/access`);

    // Assess
    expect([search.status, lookup.status, nothing.status]).toEqual([200, 200, 200]);
    expect(audit.body.accesses).toEqual([
      expect.objectContaining({ by: jo.id, role: "frontline", what: "found-by-search", detail: "email" }),
      expect.objectContaining({ by: jo.id, role: "frontline", what: "found-by-search", detail: "email" }),
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(email);
  });

  it("records a subject access export against every case it covered", async () => {
    // Prepare
    const email = `export.${Date.now()}@example.org`;
    const first = await seedCase(sandbox(), { customer: { email }, unreferred: true });
    const second = await seedCase(sandbox(), { customer: { email }, unreferred: true });
    const dpo = colleague(sandbox(), "head-office");

    // Act
    const exported = await callApi(sandbox(), dpo.token, "/api/data-protection/export", { email });
    const audits = await Promise.all(
      [first, second].map((record) =>
        callApi<AccessList>(sandbox(), dpo.token, `/api/cases/${record.reference}/access`),
      ),
    );

    // Assess
    expect(exported.status).toBe(200);
    for (const audit of audits) {
      expect(audit.body.accesses).toEqual([
        expect.objectContaining({
          by: dpo.id,
          role: "head-office",
          what: "exported",
          detail: "data-protection",
        }),
      ]);
    }
  });
});
