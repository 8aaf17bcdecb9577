// Any text a customer can send, pushed through every path Heed puts it on: the MIME parser, extraction
// and classification, the letters and the promise check, staff notifications, the DynamoDB item, the SQS
// body and the outbound mail. Nothing may throw, and nothing stored or sent may hold a lone surrogate, a
// NUL or another control character (line breaks and tabs aside, in body text only).

import { marshall } from "@aws-sdk/util-dynamodb";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sqsJsonBody } from "../../shared/adapters/aws/sqs-message-body";
import { MailparserMailParser } from "../../shared/adapters/mail/mailparser-mail-parser";
import { referralMessageFor } from "../../shared/application/referral-message";
import { defaultCommunicationPolicy } from "../../shared/config/communication-policy";
import { defaultPolicy } from "../../shared/config/policy";
import { defaultStaffTeams } from "../../shared/config/staff-teams";
import type { CaseRecord } from "../../shared/domain/case";
import { summarise } from "../../shared/domain/case";
import { DEFAULT_MIME_LIMITS } from "../../shared/domain/mime-limits";
import { allowedPhrases, teamName } from "../../shared/domain/policy/communication-policy";
import { checkPromisesAndTone } from "../../shared/domain/promise-check";
import {
  renderAcknowledgement,
  renderNeutralAcknowledgement,
} from "../../shared/domain/templates/acknowledgement";
import { catalogueFor } from "../../shared/domain/templates/letter-language";
import { renderReplyNotice } from "../../shared/domain/templates/letters";
import { renderReferralNotification } from "../../shared/domain/templates/staff-notification";
import { understand, understoodCaseFields } from "../../shared/domain/understanding";
import { sampleCase } from "./sample-case";

/** A lone surrogate, NUL or a control character other than tab and line breaks. */
const FORBIDDEN_IN_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** In a one-line field (subject, name) or a header, no line break or tab either. */
const FORBIDDEN_IN_LINE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text with the characters that break naive code: astral, combining, lone surrogates, NUL, bidi. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: "binary", maxLength: 12 }),
      fc.constantFrom(
        "😡",
        "📦",
        "👩‍👩‍👧",
        "𝟒𝟐",
        "e\u0301",
        "\u202eevil",
        "\u200b",
        "\u0000",
        "\u0007",
        "\r\n",
        "\ud83d",
        "\ude00",
        "\ufffe\uffff",
        "07700 900123",
        "LS6 3AB",
        "not arrived",
        "refund",
      ),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(""));

const encodedWord = (text: string) => `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;

/** A message as a sending server would write it: every customer-chosen field encoded. */
function rawMessage(subject: string, name: string, body: string, filename: string): Buffer {
  return Buffer.from(
    [
      `From: ${encodedWord(name)} <customer@example.net>`,
      "To: complaints@example.com",
      `Subject: ${encodedWord(subject)}`,
      "Message-ID: <property@example.net>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from(body, "utf8").toString("base64"),
      "--b",
      `Content-Type: application/octet-stream; name="${encodedWord(filename)}"`,
      `Content-Disposition: attachment; filename="${encodedWord(filename)}"`,
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from("x").toString("base64"),
      "--b--",
      "",
    ].join("\r\n"),
  );
}

const parser = new MailparserMailParser();
const communication = defaultCommunicationPolicy;
const allowed = allowedPhrases(defaultPolicy, communication);

describe("any Unicode a customer sends", () => {
  it("passes through parsing, understanding, letters, notifications, items, queue bodies and mail without a throw or a forbidden code unit", async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileText,
        hostileText,
        hostileText,
        hostileText,
        async (subject, name, body, file) => {
          // Act: the message as intake reads it and records it
          const email = await parser.parse(rawMessage(subject, name, body, file), DEFAULT_MIME_LIMITS);
          const understanding = understand(
            {
              channel: "email",
              subject: email.subject,
              text: email.text,
              sender: { email: "customer@example.net", name: email.from?.name || undefined },
              forwarded: false,
              history: { recentCases: 0, windowDays: 30 },
            },
            defaultPolicy,
          );
          const record: CaseRecord = {
            ...structuredClone(sampleCase),
            ...understoodCaseFields(understanding),
            subject: email.subject,
            summary: summarise(email.text || email.subject),
          };
          const letterhead = {
            catalogue: catalogueFor("en"),
            organisationName: defaultPolicy.organisation.name,
            teamName: teamName(record.referral.level, "en", defaultPolicy, communication),
          };
          const letters = [
            renderAcknowledgement(record, letterhead, {
              responseTimeStatement: null,
              rightsHelp: [],
              adjustmentsOffered: [],
            }),
            renderNeutralAcknowledgement(record, letterhead),
            renderReplyNotice(record, letterhead),
          ];
          const notification = renderReferralNotification(
            [{ referralId: "r", level: record.referral.level, purpose: "referral", reason: "why", record }],
            {
              consoleBaseUrl: defaultStaffTeams.consoleBaseUrl,
              organisationName: "Example",
              teamName: "team",
            },
          );
          const item = marshall(record, { removeUndefinedValues: true });
          const queued = sqsJsonBody(referralMessageFor(record));

          // Assess: what is stored
          expect(email.subject).not.toMatch(FORBIDDEN_IN_LINE);
          expect(email.from?.name ?? "").not.toMatch(FORBIDDEN_IN_LINE);
          expect(email.attachments[0]?.filename ?? "").not.toMatch(FORBIDDEN_IN_LINE);
          expect(email.text).not.toMatch(FORBIDDEN_IN_TEXT);
          expect(record.summary).not.toMatch(FORBIDDEN_IN_TEXT);
          expect(JSON.stringify(record)).not.toMatch(FORBIDDEN_IN_TEXT);
          expect(item).toBeDefined();
          // Assess: what is queued and sent
          expect(queued).toMatch(/^[\x20-\x7e]*$/);
          expect(JSON.parse(queued).summary).not.toMatch(FORBIDDEN_IN_TEXT);
          for (const letter of letters) {
            expect(letter.subject).not.toMatch(FORBIDDEN_IN_LINE);
            expect(letter.text).not.toMatch(FORBIDDEN_IN_TEXT);
            expect(letter.html).not.toMatch(FORBIDDEN_IN_TEXT);
            expect(() => checkPromisesAndTone(letter.checkedText, allowed)).not.toThrow();
          }
          expect(notification.subject).not.toMatch(FORBIDDEN_IN_LINE);
          expect(notification.text).not.toMatch(FORBIDDEN_IN_TEXT);
        },
      ),
      { numRuns: 150 },
    );
  });
});
