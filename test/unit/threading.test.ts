import { describe, expect, it } from "vitest";
import type { InboundEmail } from "../../shared/domain/mail";
import { checkCharacter } from "../../shared/domain/reference";
import { threadingClues } from "../../shared/domain/threading";

const valid = `CS-ABCDEFG${checkCharacter("ABCDEFG")}`;
const mistyped = `CS-ABCDEFH${checkCharacter("ABCDEFG")}`;

function reply(overrides: Partial<InboundEmail>): InboundEmail {
  return {
    messageId: "r1@example.org",
    from: { address: "jo@example.org", name: "Jo" },
    replyTo: undefined,
    to: [],
    subject: "Re: your message",
    date: undefined,
    inReplyTo: undefined,
    references: [],
    contentType: "text/plain",
    text: "",
    headers: new Map(),
    headerLines: [],
    htmlLength: 0,
    attachments: [],
    embeddedMessageIds: [],
    attachedMessage: undefined,
    ...overrides,
  };
}

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
});
