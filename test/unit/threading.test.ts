import { describe, expect, it } from "vitest";
import { sesMessageId } from "../../shared/adapters/aws/ses-message-id";
import type { InboundEmail } from "../../shared/domain/mail";
import { checkCharacter } from "../../shared/domain/reference";
import { threadingClues } from "../../shared/domain/threading";
import { inboundEmail } from "./support/inbound-email";

const valid = `CS-ABCDEFG${checkCharacter("ABCDEFG")}`;
const mistyped = `CS-ABCDEFH${checkCharacter("ABCDEFG")}`;

const reply = (overrides: Partial<InboundEmail>) =>
  inboundEmail({ messageId: "r1@example.org", subject: "Re: your message", text: "", ...overrides });

describe("threadingClues", () => {
  it("lists In-Reply-To first, then References newest first, without brackets or repeats", () => {
    const clues = threadingClues(
      reply({ inReplyTo: "<b@SES.example>", references: ["<a@example.org>", "<b@ses.example>"] }),
    );
    expect(clues.messageIds).toEqual(["b@ses.example", "a@example.org"]);
  });

  it("finds a valid reference in the subject and notes a mistyped one in the body", () => {
    const clues = threadingClues(reply({ subject: `Re: [${valid}]`, text: `As I said about ${mistyped}` }));
    expect(clues.references).toEqual([valid]);
    expect(clues.invalidReferences).toEqual([mistyped]);
  });

  it("reads SES's Message-IDs alike whatever subdomain of amazonses.com the region writes", () => {
    // Prepare
    const sent = sesMessageId("0102018c-aaaa", "eu-west-2");

    // Act
    const clues = threadingClues(
      reply({
        inReplyTo: "<0102018c-aaaa@email.amazonses.com>",
        references: ["<0102018c-aaaa@eu-west-1.amazonses.com>"],
      }),
    );

    // Assess
    expect(clues.messageIds).toEqual([sent]);
  });
});
