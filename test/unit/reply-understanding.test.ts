// A customer's reply is read like any message: signals it adds that change who should deal with the case
// are kept with their evidence (marked as from a later message), and raise the case's level when needed.
import { describe, expect, it } from "vitest";
import { liftFromReply } from "../../shared/application/reply-understanding";
import { defaultPolicy } from "../../shared/config/policy";
import { sampleCase } from "./sample-case";

const reply = (text: string) => ({
  subject: "Re: Parcel not arrived",
  text,
  sender: { email: "jo@example.org", name: "Jo Bloggs" },
});
const legalThreat = reply("I have passed this to my solicitor and will take you to court.");

describe("liftFromReply", () => {
  it("keeps a legal threat in a reply with its evidence and refers the case up to management", () => {
    const lift = liftFromReply(sampleCase, legalThreat, defaultPolicy);

    expect(lift?.signals).toEqual(["legal-threat"]);
    expect(lift?.evidence).toEqual(
      expect.arrayContaining([{ rule: "signal:legal-threat", matched: "solicitor (in a later message)" }]),
    );
    expect(lift?.referral).toMatchObject({
      level: "management",
      reasonCode: "legal-threat",
      state: "pending",
    });
    expect(lift?.referral?.reason).toMatch(/^A later message from the customer changed what we know\. /);
  });

  it("adds nothing for a reply with no new signal, or a signal the case already carries", () => {
    const alreadyKnown = {
      ...sampleCase,
      classification: { ...sampleCase.classification, signals: ["legal-threat"] },
    };

    expect(
      liftFromReply(sampleCase, reply("Thanks, any news on the parcel?"), defaultPolicy),
    ).toBeUndefined();
    expect(liftFromReply(alreadyKnown, legalThreat, defaultPolicy)).toBeUndefined();
  });

  it("keeps the signal on a closed case, or one already high enough, without referring it again", () => {
    const closed = liftFromReply({ ...sampleCase, status: "resolved" }, legalThreat, defaultPolicy);
    const atHeadOffice = liftFromReply(
      { ...sampleCase, referral: { ...sampleCase.referral, level: "head-office" } },
      legalThreat,
      defaultPolicy,
    );

    expect(closed).toMatchObject({ signals: ["legal-threat"], referral: undefined });
    expect(atHeadOffice).toMatchObject({ signals: ["legal-threat"], referral: undefined });
  });

  it("keeps the decision that raised a signal the phrases alone did not, such as a breach the customer only fears", () => {
    const lift = liftFromReply(
      sampleCase,
      reply(
        "There's an order on my account I didn't place. I'm not sure if someone has got into my account.",
      ),
      defaultPolicy,
    );

    expect(lift?.signals).toContain("data-protection");
    expect(lift?.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: "lower-weight:signal:data-protection",
          matched: expect.stringMatching(/^a breach only feared .*\(in a later message\)$/),
        }),
      ]),
    );
  });
});
