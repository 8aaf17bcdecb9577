// Repeated themes end to end: complaints about the same thing, sent by email, are counted under their
// theme on one counter item, and management hears about the theme once, when it reaches the threshold,
// however many more cases follow and however often one is counted again.

import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { DynamoDbThemeLedger } from "../../shared/adapters/aws/dynamodb-theme-ledger";
import { defaultPolicy } from "../../shared/config/policy";
import { themePeriods } from "../../shared/domain/repeated-themes";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const { threshold } = defaultPolicy.repeatedThemes;

function complaint(index: number): string {
  return [
    `From: Customer ${index} <theme-customer-${index}@example.org>`,
    "To: complaints@example.com",
    `Subject: Order ${300000 + index} has not arrived`,
    `Message-ID: <theme-${index}@example.org>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    `My order ${300000 + index} still hasn't arrived and I am fed up with waiting.`,
  ].join("\r\n");
}

describe("repeated themes", () => {
  const sandbox = withSandbox();
  const ledger = () =>
    new DynamoDbThemeLedger(sandbox().clients.documents, sandbox().table("case-table").name);

  it("alerts management once when complaints about one theme reach the threshold", async () => {
    // Act: more complaints than the threshold, a few at a time
    const count = threshold + 2;
    for (let start = 0; start < count; start += 3) {
      await Promise.all(
        Array.from({ length: Math.min(3, count - start) }, (_, i) => sandbox().sendEml(complaint(start + i))),
      );
    }

    // Assess: every case counted once on the theme's counter, and the period's alert noted there
    const periods = themePeriods(new Date(), defaultPolicy.repeatedThemes);
    const counter = await waitFor(
      async () => {
        const { Item } = await sandbox().clients.documents.send(
          new GetCommand({
            TableName: sandbox().table("case-table").name,
            Key: { pk: "THEME#delivery/any", sk: "COUNT" },
            ConsistentRead: true,
          }),
        );
        return Item?.[`count-${periods.current}`] === count && Item.alertedPeriod ? Item : undefined;
      },
      { description: `${count} cases counted under delivery/any`, timeoutMs: 60_000 },
    );
    expect(counter.alertedPeriod).toBe(periods.current);

    // Assess: one alert, to management, naming cases of the theme
    const alerts = await waitFor(
      async () => {
        const mail = await sandbox().readSesStore();
        const found = mail.filter((message) => message.subject.startsWith("Repeated theme: delivery/any"));
        return found.length > 0 ? found : undefined;
      },
      { description: "the repeated-theme alert", timeoutMs: 30_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const settled = (await sandbox().readSesStore()).filter((message) =>
      message.subject.startsWith("Repeated theme: delivery/any"),
    );
    expect(settled).toHaveLength(1);
    expect(alerts[0]?.body.text).toMatch(/CS-[0-9A-Y]{8}/);
  });

  it("counts a case once however often it is counted again", async () => {
    // Prepare
    const themes = ledger();
    const periods = { current: "2026-03-05", previous: "2026-02-26" };

    // Act
    const first = await themes.count(
      "billing-refund/retry",
      "CS-00000001",
      "2026-03-06T10:00:00.000Z",
      periods,
    );
    const again = await themes.count(
      "billing-refund/retry",
      "CS-00000001",
      "2026-03-06T10:00:01.000Z",
      periods,
    );
    const second = await themes.count(
      "billing-refund/retry",
      "CS-00000002",
      "2026-03-06T10:00:02.000Z",
      periods,
    );

    // Assess
    expect(first).toMatchObject({ current: 1, previous: 0 });
    expect(again).toMatchObject({ current: 1, previous: 0 });
    expect(second.current).toBe(2);
    expect(second.recentCases.map((recent) => recent.caseReference)).toEqual(["CS-00000002", "CS-00000001"]);
  });

  it("keeps the previous period's count and forgets the one before it", async () => {
    // Prepare: cases in three consecutive seven-day periods
    const themes = ledger();
    const theme = "product-fault/periods";
    await themes.count(theme, "CS-00000011", "2026-02-20T10:00:00.000Z", {
      current: "2026-02-19",
      previous: "2026-02-12",
    });
    await themes.count(theme, "CS-00000012", "2026-02-27T10:00:00.000Z", {
      current: "2026-02-26",
      previous: "2026-02-19",
    });

    // Act
    const tally = await themes.count(theme, "CS-00000013", "2026-03-06T10:00:00.000Z", {
      current: "2026-03-05",
      previous: "2026-02-26",
    });

    // Assess
    expect(tally).toMatchObject({ current: 1, previous: 1 });
    const { Item } = await sandbox().clients.documents.send(
      new GetCommand({
        TableName: sandbox().table("case-table").name,
        Key: { pk: `THEME#${theme}`, sk: "COUNT" },
        ConsistentRead: true,
      }),
    );
    expect(Object.keys(Item ?? {}).filter((name) => name.startsWith("count-"))).toEqual(
      expect.arrayContaining(["count-2026-03-05", "count-2026-02-26"]),
    );
    expect(Item).not.toHaveProperty("count-2026-02-19");
  });
});
