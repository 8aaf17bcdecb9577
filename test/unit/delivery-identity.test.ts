// Two deliveries are the same message when sender, Message-ID and body agree, however relays re-end lines.

import { describe, expect, it } from "vitest";
import { deliveryIdentity } from "../../shared/domain/intake";

const message = {
  messageId: "<Abc-1@Mail.Example.NET>",
  from: { address: "Sam@Example.net" },
  text: "My parcel has not arrived.\r\n\r\nSam",
};

describe("deliveryIdentity", () => {
  it("is the same when only line endings, white space, brackets or the case of the domains differ", () => {
    // Prepare
    const relayed = {
      messageId: "Abc-1@mail.example.net",
      from: { address: "sam@example.net" },
      text: "My parcel has  not arrived.\n\nSam\n",
    };

    // Act + Assess
    expect(deliveryIdentity(relayed)).toBe(deliveryIdentity(message));
  });

  it.each([
    ["another sender", { ...message, from: { address: "jo@example.net" } }],
    ["another Message-ID", { ...message, messageId: "<abc-2@mail.example.net>" }],
    ["no Message-ID", { ...message, messageId: undefined }],
    ["another body", { ...message, text: "My parcel arrived broken." }],
  ])("differs for %s", (_, other) => {
    expect(deliveryIdentity(other)).not.toBe(deliveryIdentity(message));
  });
});
