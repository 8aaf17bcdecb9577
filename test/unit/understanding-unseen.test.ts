// Scoring a labelled file that is not in the set yet: the honest figure for a writer Heed has never read
// is taken before the file joins dev, so a file that shares an id with the set is refused as not unseen.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateSplit, loadSplit, loadUnseen, loadUnseenTogether } from "../bench/understanding-eval";

const message = (id: string, text: string, kind: string, signals: string[], minimumLevel: string) => ({
  id,
  channel: "email",
  sender: { email: "sam.okafor@example.net", name: "Sam Okafor" },
  subject: "My claim",
  text,
  expected: { kind, signals, minimumLevel, phones: [], postcodes: [], orderReferences: [] },
});

function fileOf(messages: object[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "heed-unseen-")), "batch.json");
  writeFileSync(path, JSON.stringify({ about: "A batch written outside the set.", messages }));
  return path;
}

describe("a labelled file scored before it joins the set", () => {
  it("is scored on its own, with the figures the splits are given", () => {
    const path = fileOf([
      message(
        "batch-001-bereaved",
        "My husband died last month and I can't face the paperwork. Could someone ring me about his policy?",
        "request",
        ["vulnerability"],
        "supervisor",
      ),
      message(
        "batch-002-ombudsman",
        "Third time asking. If this is not sorted by Friday I am going to the ombudsman.",
        "complaint",
        ["legal-threat"],
        "management",
      ),
    ]);
    const scored = evaluateSplit("unseen", loadUnseen(path));
    expect(scored).toMatchObject({ split: "unseen", files: ["batch.json"], messages: 2 });
    expect(scored.signals.find((figure) => figure.metric === "legal-threat")).toMatchObject({
      recall: 1,
      support: 1,
    });
  });

  it("is scored with others as one batch, and refused there when two files share an id", () => {
    const first = fileOf([message("batch-010-first", "Where is my parcel?", "query", [], "frontline")]);
    const second = fileOf([message("batch-011-second", "Thank you, Ana!", "compliment", [], "frontline")]);
    expect(loadUnseenTogether([first, second])).toMatchObject({
      files: ["batch.json", "batch.json"],
      messages: [{ id: "batch-010-first" }, { id: "batch-011-second" }],
    });
    expect(() => loadUnseenTogether([first, first])).toThrow("the id batch-010-first is used twice");
  });

  it("is refused when it shares a message with the labelled set", () => {
    const [known] = loadSplit("dev").messages;
    if (!known) throw new Error("the dev split is empty");
    const path = fileOf([known]);
    expect(() => loadUnseen(path)).toThrow(`${known.id} is already in the labelled set`);
  });

  it("is refused when it is not in the labelled-set format", () => {
    const path = fileOf([{ ...message("Batch-003", "Hello", "query", [], "frontline") }]);
    expect(() => loadUnseen(path)).toThrow("is not in the labelled-set format");
  });
});
