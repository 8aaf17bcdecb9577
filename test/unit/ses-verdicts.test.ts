import { describe, expect, it } from "vitest";
import type { HeaderLine } from "../../shared/domain/mail";
import { readSesVerdicts } from "../../shared/domain/ses-verdicts";

const lines = (...pairs: [string, string][]): HeaderLine[] => pairs.map(([name, value]) => ({ name, value }));
const sesReceived: [string, string] = [
  "received",
  "from mail.example.org by inbound-smtp.eu-west-2.amazonaws.com with SMTP id abc for complaints@example.com",
];

describe("readSesVerdicts", () => {
  it("reads spam, virus, SPF, DKIM and DMARC from the block SES prepends", () => {
    const verdicts = readSesVerdicts(
      lines(
        ["return-path", "<jo@example.org>"],
        sesReceived,
        ["x-ses-spam-verdict", "FAIL"],
        ["x-ses-virus-verdict", "PASS"],
        [
          "authentication-results",
          "amazonses.com; spf=fail smtp.mailfrom=x; dkim=pass header.i=@x; dmarc=fail header.from=x",
        ],
        ["from", "Jo <jo@example.org>"],
      ),
    );
    expect(verdicts).toEqual({ spam: "fail", virus: "pass", spf: "fail", dkim: "pass", dmarc: "fail" });
  });

  it("ignores verdicts a sender forged below their own headers", () => {
    const verdicts = readSesVerdicts(
      lines(
        ["return-path", "<spam@example.net>"],
        sesReceived,
        ["x-ses-spam-verdict", "FAIL"],
        ["received", "from laptop by mail.example.net"],
        ["x-ses-spam-verdict", "PASS"],
      ),
    );
    expect(verdicts.spam).toBe("fail");
  });

  it("trusts nothing when SES's own Received line is missing", () => {
    const verdicts = readSesVerdicts(lines(["x-ses-spam-verdict", "PASS"], ["from", "x@example.net"]));
    expect(verdicts).toEqual({
      spam: "unknown",
      virus: "unknown",
      spf: "unknown",
      dkim: "unknown",
      dmarc: "unknown",
    });
  });

  it("does not let a forged SES Received line further down open a second trusted block", () => {
    const verdicts = readSesVerdicts(
      lines(sesReceived, ["x-ses-virus-verdict", "FAIL"], ["subject", "hello"], sesReceived, [
        "x-ses-virus-verdict",
        "PASS",
      ]),
    );
    expect(verdicts.virus).toBe("fail");
  });
});
