// The promise and tone check's own table: what it must catch (outcomes, remedies and deadlines promised,
// blame, defensiveness, dismissal), what it must let through (process statements), how an allowed policy
// statement passes, and how findings point at the words staff wrote.
import { describe, expect, it } from "vitest";
import { checkPromisesAndTone, highlightFindings } from "../../shared/domain/promise-check";

describe("checkPromisesAndTone", () => {
  it.each([
    ["We will refund you in full.", "promise", "We will refund"],
    ["We'll replace the item.", "promise", "We'll replace"],
    ["We’ll definitely replace the item.", "promise", "We’ll definitely replace"],
    ["I will compensate you for the trouble.", "promise", "I will compensate"],
    ["We are going to fix this for you.", "promise", "We are going to fix"],
    ["We will resolve this quickly.", "promise", "We will resolve"],
    ["We will sort it out.", "promise", "We will sort it out"],
    ["We will send you a replacement.", "promise", "We will send you a replacement"],
    ["You will receive a replacement.", "promise", "You will receive"],
    ["You'll be refunded.", "promise", "You'll be refunded"],
    ["We guarantee this will not happen again.", "promise", "guarantee"],
    ["I can assure you this is our priority.", "promise", "assure you"],
    ["Your order will be replaced.", "promise", "will be replaced"],
    ["Your refund will be processed next week.", "promise", "refund will be processed"],
    ["It won't happen again.", "promise", "It won't happen again"],
    ["The parcel will definitely arrive.", "promise", "parcel will definitely arrive"],
    ["It will certainly be fine.", "promise", "will certainly"],
    ["Byddwn ni'n ad-dalu'r arian.", "promise", "Byddwn ni'n ad-dalu"],
    ["Rydym yn gwarantu hyn.", "promise", "gwarantu"],
    ["You will hear from us within 3 days.", "deadline", "within 3 days"],
    ["Within 3 days we will contact you.", "deadline", "Within 3 days"],
    ["Someone will call you by Friday.", "deadline", "by Friday"],
    ["We will call you back on Tuesday.", "deadline", "will call you back on Tuesday"],
    ["We will have an answer tomorrow.", "deadline", "will have an answer tomorrow"],
    ["It will be with you in 48 hours.", "deadline", "in 48 hours"],
    ["You will have it by the end of the week.", "deadline", "by the end of the week"],
    ["Expect a reply by 5pm.", "deadline", "by 5pm"],
    ["We aim to reply by 3 March.", "deadline", "by 3 March"],
    ["Expect an update in a few days.", "deadline", "in a few days"],
    ["Cewch ateb erbyn dydd Gwener.", "deadline", "erbyn dydd Gwener"],
    ["You should have read the terms.", "blame", "You should have"],
    ["As you were told on the phone, this is not covered.", "blame", "As you were told"],
    ["Our records show you failed to collect the parcel.", "blame", "Our records show you failed"],
    ["You failed to give us your postcode.", "blame", "You failed to"],
    ["If you had read the instructions, this would not have happened.", "blame", "If you had read"],
    ["That was your own fault.", "blame", "your own fault"],
    ["As per our policy, returns need a receipt.", "defensive", "As per our policy"],
    ["As I already explained, the warranty has ended.", "defensive", "As I already explained"],
    ["This was not our fault.", "defensive", "not our fault"],
    ["We are not responsible for the courier.", "defensive", "We are not responsible"],
    ["There is nothing we can do.", "dismissive", "There is nothing we can do"],
    ["That is not our problem.", "dismissive", "not our problem"],
    ["Please calm down.", "dismissive", "calm down"],
    ["Unfortunately that's just how it is.", "dismissive", "that's just how it is"],
    ["We cannot help you with that.", "dismissive", "We cannot help you"],
    ["You are overreacting.", "dismissive", "You are overreacting"],
  ])("catches %j as %s", (text, kind, phrase) => {
    const findings = checkPromisesAndTone(text);
    expect(findings.map((finding) => finding.kind)).toContain(kind);
    expect(findings.map((finding) => finding.phrase)).toContain(phrase);
  });

  it.each([
    "We will look into it.",
    "We will look into it and contact you about the next steps.",
    "We will review your case and keep you informed.",
    "Your message has been passed to our supervisor team, who will review it.",
    "A member of our team will contact you.",
    "We have recorded your message under the reference CS-1234567X.",
    "If we have misunderstood anything, please reply and tell us.",
    "Would you like us to be able to call you?",
    "We have refunded £20 to the card you paid with.",
    "We could offer a replacement or a refund of the £34.99 you paid.",
    "If you would like a refund, please reply to this email.",
    "We are sorry for the trouble this has caused.",
    "Our team will deal with it.",
    "We received your message on 5 March.",
    "This link works until 21 December 2026.",
    "Credwn ei fod wedi'i ddatrys erbyn hyn.",
    "Efallai y bydd angen iddynt ofyn i chi gadarnhau pwy ydych chi cyn y gallant weithredu arno.",
  ])("lets the process statement %j pass", (text) => {
    expect(checkPromisesAndTone(text)).toEqual([]);
  });

  it('says "we will look into it" is process and "we will refund you" is a promise', () => {
    expect(checkPromisesAndTone("We will look into it.")).toEqual([]);
    expect(checkPromisesAndTone("We will refund you.")).toEqual([
      { kind: "promise", phrase: "We will refund", index: 0 },
    ]);
  });

  it("lets an allowed policy statement pass while still checking the rest of the text", () => {
    const policy = "We aim to reply within 5 working days.";
    const text = `${policy} We will refund you.`;

    expect(checkPromisesAndTone(text, [policy]).map((finding) => finding.phrase)).toEqual(["We will refund"]);
    expect(checkPromisesAndTone(policy).length).toBeGreaterThan(0);
  });

  it("matches an allowed statement whatever its case and line breaks", () => {
    const policy = "We aim to reply within 5 working days.";

    expect(checkPromisesAndTone("we aim to reply\nwithin 5 working days.", [policy])).toEqual([]);
  });

  it("points each finding at its place in the text, once per phrase", () => {
    const text = "Thanks. We will refund you by Friday.";

    const findings = checkPromisesAndTone(text);

    expect(findings).toEqual([
      { kind: "promise", phrase: "We will refund", index: 8 },
      { kind: "deadline", phrase: "by Friday", index: 27 },
    ]);
    expect(highlightFindings(text, findings)).toBe("Thanks. [[We will refund]] you [[by Friday]].");
  });
});
