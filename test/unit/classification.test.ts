import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { classify } from "../../shared/domain/classification";
import { detectLanguage } from "../../shared/domain/classification/language";
import { RULES_ONLY } from "../../shared/domain/classification/learned";
import { findPhrase, normaliseText } from "../../shared/domain/classification/phrases";

const rules = defaultPolicy.classification;
// These tests pin the rules: the evidence every decision rests on and the rules' own reading of the kind.
// The kind Heed records is weighed by the learned model over that evidence (learned-kind.test.ts).
const read = (subject: string, text: string) => classify({ subject, text }, rules, RULES_ONLY);
/** Whether a reading carries the signal. */
const has = (signal: string) => (result: ReturnType<typeof read>) => result.signals.includes(signal);
const vulnerable = has("vulnerability");
/** Each [subject, text] pair, read by the rules, carries the signal or not, as expected. */
const expectEach = (signal: string, expected: boolean, messages: readonly [string, string][]) => {
  for (const [subject, text] of messages) expect(has(signal)(read(subject, text)), text).toBe(expected);
};
/** A colleague's note under the subject, read by the rules. */
const colleagueNote = (subject: string) => (text: string) =>
  classify({ subject, text, writtenBy: "colleague" }, rules, RULES_ONLY);

describe("classify", () => {
  it("recognises a complaint in a late delivery told with dissatisfaction, though the word is never used", () => {
    // Act
    const result = read("Where is my parcel", "My order still hasn't arrived and I'm really fed up.");

    // Assess
    expect(result.kind).toBe("complaint");
    expect(result.category).toBe("delivery");
    expect(result.cause).toBe("system-or-procedure-failure");
    expect(result.signals).toContain("dissatisfaction");
    expect(result.evidence).toContainEqual({ rule: "dissatisfaction:explicit", matched: "fed up" });
  });

  it.each([
    ["complaint", "Formal complaint", "I wish to make a formal complaint about how my return was handled."],
    ["complaint", "Opening hours", "I am very disappointed that the Leeds store now shuts at 4pm."],
    ["problem", "Kettle", "The kettle I bought last week has stopped working."],
    ["request", "Change of address", "Please change the delivery address on my account to my work address."],
    ["request", "Subject access request", "Under data protection law I am making a subject access request."],
    ["query", "Gift cards", "Do you sell gift cards in the Bath shop?"],
    ["query", "Opening hours", "What is the opening time of your Leeds shop on Sundays"],
    ["compliment", "Thanks", "Thank you so much, brilliant service from Sam at the Leeds branch."],
  ] as const)("reads a %s in %j", (kind, subject, text) => {
    expect(read(subject, text).kind).toBe(kind);
  });

  it("reads a question about a refund as a query, and a plain demand for one as a request", () => {
    expect(read("Refund", "When will I get my money back?").kind).toBe("query");
    expect(read("Refund", "I want my money back.").kind).toBe("request");
  });

  it("does not take 'my late husband' for a late delivery, but for a bereavement", () => {
    const result = read("Account", "Please close my late husband's account.");
    expect(result.kind).toBe("request");
    expect(result.signals).toContain("vulnerability");
  });

  it("does not take a number the customer offers for a request to be called back", () => {
    expect(read("Delivery", "Do you deliver to Dublin? You can call me on the number below.").wants).toEqual(
      [],
    );
  });

  it("keeps thanks after a difficulty that was put right a compliment", () => {
    const result = read(
      "Thank you",
      "I was frustrated at first, but Priya sorted it all out. Thank you so much.",
    );
    expect(result.kind).toBe("compliment");
  });

  it("treats a problem told with abuse as a complaint and flags the abuse", () => {
    const result = read("Order", "You useless idiots lost my order again.");
    expect(result.kind).toBe("complaint");
    expect(result.signals).toContain("abuse");
  });

  it.each([
    ["delivery", "Parcel", "The courier left my parcel in the rain and it was soaked."],
    ["billing-refund", "Bill", "You have charged me twice for the same invoice."],
    ["product-fault", "Faulty toaster", "The toaster is faulty: one side does not heat."],
    ["staff-conduct", "Your agent", "Your agent was rude and hung up on me."],
    ["website-system", "Website", "The website checkout crashed three times."],
    ["data-protection", "My data", "What personal data do you keep about me, and why?"],
    ["other", "Parking", "Is there parking near the shop?"],
  ] as const)("puts a message about %s in that category", (category, subject, text) => {
    expect(read(subject, text).category).toBe(category);
  });

  it("counts a phrase in the subject line twice when categories compete", () => {
    const result = read("Refund still not paid", "The courier collected the parcel a month ago.");
    expect(result.category).toBe("billing-refund");
  });

  it.each([
    ["system-or-procedure-failure", "The parcel never arrived and the tracking shows an error."],
    ["expectation-gap", "I was told the price included fitting, and I expected it to be fitted."],
    ["unknown", "Do you deliver to Jersey?"],
  ] as const)("sees the likely cause as %s", (cause, text) => {
    expect(read("My order", text).cause).toBe(cause);
  });

  it.each([
    ["dissatisfaction", "This is terrible service and I am frustrated."],
    ["abuse", "You are a bunch of morons."],
    ["legal-threat", "If you don't refund me I will take you to the small claims court."],
    ["legal-threat", "I have written to my solicitor."],
    ["legal-threat", "I will be going to the ombudsman."],
    ["vulnerability", "My husband passed away last month and the account was in his name."],
    ["vulnerability", "I am disabled and cannot carry the parcel from the depot."],
    ["vulnerability", "I am in financial hardship and cannot afford a second payment."],
    ["vulnerability", "I have been in hospital with cancer since March."],
    ["data-protection", "I want a copy of all the data you hold on me."],
    ["data-protection", "Under the right to erasure please delete my data."],
    ["urgency", "I need this sorted urgently, the boiler is our only heating."],
    ["repeat-contact", "This is the third time I have written about this."],
  ] as const)("finds the %s signal in %j", (signal, text) => {
    expect(read("My account", text).signals).toContain(signal);
  });

  it.each([
    ["I'm not unhappy with the product itself.", "dissatisfaction:explicit", "not unhappy"],
    ["No complaints about the staff, they were fine.", "dissatisfaction:explicit", "no complaints"],
    ["It isn't urgent, whenever suits.", "signal:urgency", "isn't urgent"],
    ["I'm not disappointed in the slightest.", "dissatisfaction:explicit", "not disappointed"],
  ])("does not count a negated phrase in %j, but shows it as evidence", (text, rule, matched) => {
    // Act
    const result = read("Feedback", text);

    // Assess
    const [group, label] = rule.split(":");
    if (group === "signal") expect(result.signals).not.toContain(label);
    else expect(result.kind).not.toBe("complaint");
    expect(result.evidence).toContainEqual({ rule: `negated:${rule}`, matched });
  });

  it("lets a negation reach only within its clause", () => {
    const result = read("Late again", "It is not the first time, and I am unhappy.");
    expect(result.signals).toContain("dissatisfaction");
  });

  it.each([
    ["refund", "I would like my money back please."],
    ["replacement", "Please send a replacement as soon as you can."],
    ["repair", "Can an engineer visit to repair it?"],
    ["apology", "I expect an apology from the driver."],
    ["explanation", "Please explain why I was charged again."],
    ["callback", "Please ring me after 5pm."],
  ] as const)("records %s as what the customer wants when they say so", (want, text) => {
    const result = read("My order", text);
    expect(result.wants).toContain(want);
    expect(result.evidence.some((e) => e.rule === `want:${want}`)).toBe(true);
  });

  it("records no wants when the customer asks for nothing", () => {
    expect(read("Question", "Do you sell gift cards?").wants).toEqual([]);
  });

  it("reads the customer's contact history as repeat contact once it reaches the policy's minimum", () => {
    // Prepare
    const text = "The replacement kettle is faulty as well.";

    // Act
    const twice = classify({ subject: "Kettle", text, history: { recentCases: 2, windowDays: 30 } }, rules);
    const once = classify({ subject: "Kettle", text, history: { recentCases: 1, windowDays: 30 } }, rules);

    // Assess
    expect(twice.signals).toContain("repeat-contact");
    expect(twice.evidence).toContainEqual({
      rule: "signal:repeat-contact",
      matched: "2 other cases in the last 30 days",
    });
    expect(once.signals).not.toContain("repeat-contact");
  });

  it("notes the products and sites from the topic list that the message mentions", () => {
    const result = read("KX200 leaking", "My KX-200 kettle from your Leeds store leaks.");
    expect(result.topics).toEqual(["kx200-kettle", "leeds-store"]);
  });

  it.each([
    ["chasing", "Order 415502", "I emailed last Tuesday and I'm still waiting for an answer about my rug."],
    ["a broken promise", "Call back", "I was promised a call back on Monday and nobody rang."],
    [
      "elapsed time and a refund demanded",
      "Refund",
      "The chair went back five weeks ago and the refund has not arrived. I want my money back.",
    ],
    [
      "a demand for an apology",
      "Your manager",
      "I have never been spoken to like that in a shop. I would like an apology.",
    ],
  ])("reads dissatisfaction shown by %s as a complaint, and says why", (_, subject, text) => {
    const result = read(subject, text);
    expect(result.kind).toBe("complaint");
    expect(result.signals).not.toContain("legal-threat");
    expect(result.evidence.find((e) => e.rule === "decision:kind")?.matched).toMatch(/^complaint: /);
  });

  it.each([
    "I find the online account difficult to use at my age.",
    "I am 88 and on my own and the call has unsettled me.",
    "hi i have learning difficultys and i dont understand my bill.",
    "I've got a gambling problem and I've gone deep into my overdraft.",
    "I have no money for food until the refund comes.",
    "I'm a single mum and I can't keep up with the electric.",
    "My dad is on home oxygen and the power has been off since six.",
    "I waited on the train with my frame until someone helped me off.",
  ])("finds vulnerability told in everyday words: %j", (text) => {
    expect(read("My account", text).signals).toContain("vulnerability");
  });

  it.each([
    "I want all my personal information deleted.",
    "Can you take my details off your system?",
    "My address is wrong on your records, please correct it.",
    "Can I get the recording of my call?",
    "You gave my phone number to another customer.",
  ])("finds a data-protection matter told in plain words: %j", (text) => {
    expect(read("My account", text).signals).toContain("data-protection");
  });

  it("reads someone removed from a joint account as no data-protection request", () => {
    const result = read("Joint account", "Please remove my ex-husband from our joint account.");
    expect(result.signals).not.toContain("data-protection");
    expect(read("Records", "Please delete my son's details from your records.").signals).toContain(
      "data-protection",
    );
  });

  it("reads an insult the writer turns on themselves as no abuse", () => {
    expect(read("Order", "I'm such an idiot, I ordered the wrong size.").signals).not.toContain("abuse");
    expect(read("Order", "You are such an idiot.").signals).toContain("abuse");
  });

  it("reads a court in a place's name as no legal step", () => {
    const result = read("Communal door", "The main door to Block B, Saxon Court, isn't locking.");
    expect(result.signals).not.toContain("legal-threat");
    expect(result.evidence).toContainEqual({ rule: "a-place-name:signal:legal-threat", matched: "court" });
    expect(read("Deposit", "I will take you to court.").signals).toContain("legal-threat");
    expect(read("Deposit", "See you at the county court.").signals).toContain("legal-threat");
  });

  it("keeps a vulnerability only when it is about the customer or someone they act for", () => {
    expect(read("Oven", "I am registered blind and the talking timer has stopped.").signals).toContain(
      "vulnerability",
    );
    expect(
      read("For my mum", "I am writing for my mother. She has dementia and was sold a plan.").signals,
    ).toContain("vulnerability");
    const praise = read(
      "Thank you",
      "Gareth was so kind. His mum had cancer and he still came in. Thank you so much.",
    );
    expect(praise.kind).toBe("compliment");
    expect(praise.signals).not.toContain("vulnerability");
  });

  it("reads a condition as someone else's when the nearest person before it is outside the customer's own situation", () => {
    for (const text of [
      "My sister is going through cancer treatment and I'd like to get her a gift voucher. Do they expire?",
      "I'm looking for a present for my aunt who is partially sighted. Do you sell big-button phones?",
      "My manager at work has just started cancer treatment so I'm covering her shifts. Could I move my appointment?",
    ])
      expect(read("Question", text).signals, text).not.toContain("vulnerability");
    for (const text of [
      "My sister says I'm disabled enough to get a blue badge, so I need the parcel brought to the door.",
      "I help my brother with his post as he has a learning disability. He signed a contract he can't afford.",
      "Forwarding this from my mum as she's not great with email. She's on a pension and the bill is wrong.",
    ])
      expect(read("Help", text).signals, text).toContain("vulnerability");
  });

  it("finds the four drivers of vulnerability in everyday words, and not in a facility, a job or a colleague's sick day", () => {
    for (const text of [
      "My wife passed last month and the account was in her name.",
      "I'm behind on my rent and this refund is money I badly need.",
      "I don't have internet at home so please write to me by post.",
      "I can barely read the small print because of my macular degeneration.",
      "I have been off work sick for three months with long covid.",
      "I'm recovering from a hip replacement and can't get to the door quickly.",
    ])
      expect(read("Help", text).signals, text).toContain("vulnerability");
    for (const text of [
      "Can you tell me whether the store has disabled parking?",
      "I'm a carer by profession so I'm out at work most days. Could deliveries be after 5pm?",
      "The fitter did not come. We were told he was off sick.",
      "My son passed his driving test, so please add him to the delivery contacts.",
    ])
      expect(read("Help", text).signals, text).not.toContain("vulnerability");
  });

  it("reads a colleague's report about a customer's situation in the third person", () => {
    const result = classify(
      {
        subject: "Braille statements",
        text: "Mrs Ward rang. She is registered blind and would like statements in Braille.",
        writtenBy: "colleague",
      },
      rules,
    );
    expect(result.signals).toContain("vulnerability");
    expect(result.adjustments).toContain("large-print");
  });

  it("does not take the customer's own slip for something gone wrong on our side", () => {
    expect(read("Cancel", "Please cancel order 105402, I ordered the wrong size by mistake.").kind).toBe(
      "request",
    );
  });

  it("tells a data breach from a data-protection request", () => {
    const breach = read(
      "Not mine",
      "I received an order confirmation email that is clearly meant for another customer.",
    );
    expect(breach.signals).toEqual(expect.arrayContaining(["data-breach", "data-protection"]));
    expect(breach.kind).not.toBe("request");
    expect(read("Delete", "Please delete my online account and all the details stored with it.").kind).toBe(
      "request",
    );
  });

  it("reads a Welsh complaint about a late order as a complaint in Welsh", () => {
    // Act
    const result = read(
      "Cwyn am archeb",
      "Mae fy archeb heb gyrraedd ers pythefnos. Rwy'n siomedig iawn gyda'r gwasanaeth.",
    );

    // Assess
    expect(result.language).toBe("cy");
    expect(result.kind).toBe("complaint");
    expect(result.category).toBe("delivery");
    expect(result.signals).toContain("dissatisfaction");
  });

  it("reads a French complaint about a broken item as a complaint in French", () => {
    const result = read(
      "Réclamation",
      "Bonjour, j'ai reçu ma commande hier mais la bouilloire est cassée. Je suis très déçu et je veux un remboursement.",
    );
    expect(result.language).toBe("fr");
    expect(result.kind).toBe("complaint");
    expect(result.category).toBe("product-fault");
    expect(result.wants).toContain("refund");
  });
});

describe("classify, reading how a sentence is meant", () => {
  it.each([
    ["Why won't my oven turn on?", "Since this morning it won't turn on at all. Is there a reset switch?"],
    ["Tap", "The mixer tap you fitted has started dripping from the base. Could someone take a look?"],
    ["Statement", "Why is my statement this month £12 more than usual? I haven't bought anything new."],
    ["Tracking", "How come my tracking says returned to sender? I was home all day and nobody knocked."],
  ])("reads a fault asked as a question as a problem: %j", (subject, text) => {
    expect(read(subject, text).kind).toBe("problem");
  });

  it("does not count a fault the customer only supposes", () => {
    // Act
    const result = read(
      "Before I buy",
      "If I order the bed and it doesn't fit up my stairs, is there a fee to return it?",
    );

    // Assess
    expect(result.kind).toBe("query");
    expect(result.evidence).toContainEqual({ rule: "supposed:kind:problem", matched: "doesn't fit" });
  });

  it("reads an open question about how things should be as no broken promise", () => {
    const result = read(
      "Is the kettle supposed to do this",
      "It keeps switching itself off before the water boils. Is that normal?",
    );
    expect(result.kind).toBe("problem");
    expect(result.evidence.map((e) => e.rule)).toContain("asked:dissatisfaction:broken-promise");
  });

  it("reads praise inside a question as no praise", () => {
    const result = read(
      "Store card",
      "My husband died last month. What do I need to do to close his card, and is there anything outstanding?",
    );
    expect(result.kind).toBe("request");
    expect(result.signals).toContain("vulnerability");
  });

  it("reads an ask that comes with a broken promise as a complaint", () => {
    expect(
      read("Cancel my order", "Please cancel order 106044. I was told it would be here last Friday.").kind,
    ).toBe("complaint");
    expect(read("Cancel my order", "Please cancel order 106044, I found one closer to home.").kind).toBe(
      "request",
    );
  });

  it("keeps a legal word on an errand, or a step taken against the customer, from being a threat", () => {
    // Act
    const errand = read(
      "Invoice",
      "My solicitor has asked for a copy of the kitchen invoice as we are selling. Could you send one?",
    );
    const againstTheCustomer = read(
      "Council tax",
      "The reminder says you'll take me to court if I don't pay. Can I pay it in smaller amounts?",
    );
    const threat = read(
      "Refund",
      "If I don't get my money back by Friday I will be taking this to the small claims court.",
    );

    // Assess
    expect(errand.kind).toBe("request");
    expect(errand.signals).not.toContain("legal-threat");
    expect(againstTheCustomer.signals).not.toContain("legal-threat");
    expect(againstTheCustomer.evidence).toContainEqual({
      rule: "against-the-customer:signal:legal-threat",
      matched: "court",
    });
    expect(threat.signals).toContain("legal-threat");
    expect(threat.evidence.map((e) => e.rule)).not.toContain("lower-weight:signal:legal-threat");
  });

  it.each([
    [
      "negated",
      "Doors",
      "I'm not the sort to go running to a solicitor, but the doors you fitted don't close.",
      "solicitor",
    ],
    [
      "as someone else's suggestion",
      "Door",
      "My friend told me I should go to the ombudsman but I'd much rather sort it out with you. The new door is the wrong colour again.",
      "ombudsman",
    ],
    [
      "as a supposition",
      "Question about claims",
      "If a customer wanted to make a claim through the small claims court, which address should it go to?",
      "court",
    ],
  ])(
    "raises a legal step mentioned only %s as a legal threat of a lower weight, and says so",
    (how, subject, text, step) => {
      // Act
      const result = read(subject, text);

      // Assess
      expect(result.signals).toContain("legal-threat");
      const lowerWeight = result.evidence.find((e) => e.rule === "lower-weight:signal:legal-threat");
      expect(lowerWeight?.matched).toContain(`mentioned only ${how}`);
      expect(lowerWeight?.matched).toContain(step);
      expect(lowerWeight?.matched).toContain("a lower weight");
    },
  );

  it("reads a data-protection request in everyday words, and a correction, as a request", () => {
    for (const text of [
      "Please get rid of all my info, my address, phone number, the lot.",
      "Can you delete my account and whatever you've kept about me?",
      "My surname is spelt wrong on your system and my date of birth is wrong too. Please fix them.",
    ]) {
      const result = read("My details", text);
      expect(result.kind).toBe("request");
      expect(result.signals).toContain("data-protection");
    }
  });

  it("finds data-protection requests and breaches put plainly, and not a receipt or a marketing opt-out", () => {
    for (const text of [
      "What information do you hold on me?",
      "Please send me everything you've stored about me.",
      "Remove me from your systems completely and confirm when it's done.",
      "Stop processing my personal data.",
      "My details were sent to someone else.",
      "You sent my bank statement to my old address and the new owners opened it.",
      "Someone else received my order confirmation with my home address on it.",
      "Your newsletter went out with everyone's email addresses showing.",
      "Your records have my surname as O'Neil with one L. Could you correct it?",
      "You've got my address wrong on your system again.",
      "Please send me a copy of the CCTV showing me near the entrance.",
      "A finance company says they got my details from you. Who have you passed my number to?",
      "Stop using my email address for marketing.",
      "A letter with my neighbour's name and medication on it was delivered to me.",
    ])
      expect(read("My data", text).signals, text).toContain("data-protection");
    for (const text of [
      "Can you send me a copy of my receipt?",
      "Please unsubscribe me from marketing emails.",
      "Please update my delivery address to 3 High Street.",
    ])
      expect(read("Account", text).signals, text).not.toContain("data-protection");
  });

  it("reads someone else's details shown to the customer as a data-protection problem", () => {
    const result = read(
      "Delivery note",
      "The delivery note in my parcel had someone else's name, address and phone number on it.",
    );
    expect(result.kind).toBe("problem");
    expect(result.signals).toEqual(expect.arrayContaining(["data-breach", "data-protection"]));
  });

  it("finds abuse in insults and threats however they are spelt, and not in a bloody sofa", () => {
    for (const text of [
      "Whoever designed your returns website is a complete moron.",
      "If that driver comes near my house again I'll put him in hospital.",
      "Are you people thick or something? I've told you three times.",
      "He was swearing at the agent throughout and called her a stupid b****.",
    ])
      expect(read("Complaint", text).signals).toContain("abuse");
    const notAtStaff = read("Sofa", "The bloody sofa still hasn't come. Not impressed.");
    expect(notAtStaff.signals).not.toContain("abuse");
    expect(
      read("Driver", "If that driver comes near my house again I'll put him in hospital.").signals,
    ).not.toContain("vulnerability");
  });

  it("finds an insult aimed at staff, and not swearing about a situation or a word that insults nobody", () => {
    for (const text of [
      "The woman I spoke to on the phone was a rude stupid cow.",
      "Your manager is a lying little weasel.",
      "Which idiot packed this?",
      "Thieves!",
      "Tell the stupid cow who wrote this letter to learn to count.",
      "Keep messing me around and I'll be waiting for your engineer when he comes out of the van.",
      "Your adviser is a stupid b*tch.",
      "IF ANYONE FROM YOUR COMPANY COMES TO MY DOOR AGAIN I WILL SET THE DOG ON THEM.",
    ])
      expect(read("Complaint", text).signals, text).toContain("abuse");
    const reported = classify(
      {
        subject: "Abusive caller",
        text: "The caller called me a stupid cow and a liar.",
        writtenBy: "colleague",
      },
      rules,
    );
    expect(reported.signals).toContain("abuse");
    for (const text of [
      "What a shit week, the washer flooded the kitchen and now the dryer is broken too.",
      "The film I bought was about a gang of thieves, but the disc is scratched.",
      "If this isn't sorted I will find another shop.",
    ])
      expect(read("Complaint", text).signals, text).not.toContain("abuse");
  });

  it('reads profanity the writer turns on themselves as no abuse, and an insult after a pointing "not that" as abuse', () => {
    expect(
      read("Wrong date", "I'm a complete f***ing idiot, I booked the van for the 14th. Can you move it?")
        .signals,
    ).not.toContain("abuse");
    for (const text of [
      "Put me through to someone who speaks proper English, not that idiot I had yesterday.",
      "Tell your engineer ill break his legs if he comes round again.",
      "If your driver is late again I'll make sure he regrets it.",
      "Tell your driver I'll put him through his windscreen.",
      "useless idiot left my ceiling hanging down",
      "your driver is a lazy tw@t who threw my parcel over the gate",
    ])
      expect(read("Complaint", text).signals, text).toContain("abuse");
    expect(read("Refund", "Can you put me through to someone who can send my refund?").signals).not.toContain(
      "abuse",
    );
  });

  it("finds data protection where someone else got at the customer's details, and a name recorded wrongly", () => {
    for (const text of [
      "Someone ported my number to a new SIM in one of your shops and used it to get into my bank.",
      "My sister rang you pretending to be me and your staff told her what I'd bought.",
      "Your staff member read out my new address and phone number to him.",
      "Your store gave a replacement SIM to a man who wasn't me.",
      "Has your customer data been leaked? The email had my full name and last order in it.",
      "I opened a letter about somebody else's mortgage arrears.",
    ])
      expect(read("Privacy", text).signals, text).toEqual(
        expect.arrayContaining(["data-protection", "data-breach"]),
      );
    for (const text of [
      "My latest bill came addressed to 'Mary Ann Coal'. Could that be changed to Mary-Ann Cole please?",
      "Your statement has my surname as Jonse. Can you correct it?",
      "You've got my date of birth down as 1985, I was born in 1958.",
      "I'd like to know whether he can still see my purchases and address online.",
      "I want a copy of every recording of calls I've made to you this year.",
    ])
      expect(read("My details", text).signals, text).toContain("data-protection");
    expect(
      read("Card", "My card came addressed to my old flat, please send one to my new address.").signals,
    ).not.toContain("data-protection");
  });

  it("reads a legal view passed on by a friend who is a lawyer, and a firm writing for its client, as a legal threat", () => {
    const passedOn = read(
      "Service charge",
      "A friend who's a solicitor says the service charge increase might not be reasonable. Could you send me the breakdown?",
    );
    expect(passedOn.signals).toContain("legal-threat");
    expect(passedOn.evidence).toContainEqual({ rule: "suggested:signal:legal-threat", matched: "solicitor" });
    expect(
      read(
        "Letter of claim",
        "We are instructed by Mrs Ellery. Please treat this as notification of a claim.",
      ).signals,
    ).toContain("legal-threat");
    expect(
      read(
        "Estate",
        "We act for the executors of the late Mr Penney. Please close his account and send any refund.",
      ).signals,
    ).not.toContain("legal-threat");
  });

  it("reads warm thanks after a question as a sign-off, and a colleague's note of no complaint as no complaint", () => {
    expect(
      read("Returning a gift", "It's too big and I have no receipt. How do I return it? Thanks so much").kind,
    ).toBe("query");
    expect(read("Thanks", "Thank you so much for sorting my boiler.").kind).toBe("compliment");
    const note = classify(
      {
        subject: "Call note",
        text: "Mr Carver called about his arrears, very distressed, for the third time this month. He was not angry with us. Please put collections on hold.",
        writtenBy: "colleague",
      },
      rules,
      RULES_ONLY,
    );
    expect(note.kind).not.toBe("complaint");
    expect(note.kind).not.toBe("compliment");
  });

  it("reads a colleague's note of a legal step against the organisation, and of the customer's situation, in the third person", () => {
    const note = (text: string) => classify({ subject: "Call note", text, writtenBy: "colleague" }, rules);
    expect(
      note("He asked whether the new owners would have to take us to court for the guarantee.").signals,
    ).toContain("legal-threat");
    expect(note("He said he'd lost his job and can't pay the arrears this month.").evidence).toContainEqual({
      rule: "vulnerability:life-event",
      matched: "lost his job",
    });
    expect(
      note("Mrs Hope called to order a hamper for a colleague who is going through cancer treatment.")
        .signals,
    ).not.toContain("vulnerability");
    expect(
      read("Address", "I left that relationship because of his behaviour and moved so he wouldn't find me.")
        .signals,
    ).toContain("vulnerability");
    expect(read("Account locked", "I can't pay my bill because I can't log in.").signals).not.toContain(
      "vulnerability",
    );
    expect(read("Bill", "I can't pay my bill this month.").signals).toContain("vulnerability");
  });

  it("keeps a vulnerability told in a thank-you only when an adjustment is asked for or something is still open", () => {
    // Act
    const past = read(
      "Thanks",
      "When I lost my job your team gave me a payment break with no fuss. I'm back in work now and wanted to say thanks.",
    );
    const open = read(
      "Thank you, and one more thing",
      "Thank you to Sian, who has been so kind since my husband died. I still have to close his savings account - could she send me the forms?",
    );
    const adjusted = read(
      "Thank you",
      "I'm halfway through chemotherapy. Thank you to Jo, who has kept in touch by email rather than phone as I asked.",
    );

    // Assess
    expect(past.kind).toBe("compliment");
    expect(past.signals).not.toContain("vulnerability");
    expect(past.evidence.map((e) => e.rule)).toContain("set-aside:signal:vulnerability");
    expect(open.kind).toBe("compliment");
    expect(open.signals).toContain("vulnerability");
    expect(adjusted.kind).toBe("compliment");
    expect(adjusted.signals).toContain("vulnerability");
  });

  it("keeps a vulnerability told in a thank-you when the customer says it still affects them now", () => {
    // Act
    const grieving = read(
      "Bereavement team",
      "My partner died in September and I had to sort out our joint account. I'm still finding every day hard, and your team were so gentle. Thank you.",
    );
    const treatment = read(
      "Thank you",
      "Thank you to Mark on the ward desk. I'm still on chemo so his kindness meant a lot.",
    );
    const overNow = read(
      "Thank you",
      "After my husband died last year your team were so kind. Thank you, I'm still a happy customer.",
    );

    // Assess
    expect(grieving.kind).toBe("compliment");
    expect(grieving.signals).toContain("vulnerability");
    expect(grieving.evidence).toContainEqual(
      expect.objectContaining({
        rule: "still-affected:vulnerability",
        matched: "i'm still finding every day",
      }),
    );
    expect(treatment.signals).toContain("vulnerability");
    expect(overNow.kind).toBe("compliment");
    expect(overNow.signals).not.toContain("vulnerability");
  });

  it("reads thanks to be passed on as praise, keeping the customer's own lasting condition and not a relative's", () => {
    // Act
    const own = read(
      "Delivery driver",
      "Please thank the driver who delivered my bed - I use a wheelchair and he took time to put it where I needed it.",
    );
    const wifes = read(
      "Delivery driver",
      "Please thank the driver who delivered our bed - my wife uses a wheelchair and he took time to put it where she needed it.",
    );

    // Assess
    expect(own.kind).toBe("compliment");
    expect(own.signals).toContain("vulnerability");
    expect(own.evidence.map((e) => e.rule)).toContain("kept:signal:vulnerability");
    expect(wifes.kind).toBe("compliment");
    expect(wifes.signals).not.toContain("vulnerability");
  });

  it("reads a hedged complaint as a complaint and a denied one as praise", () => {
    expect(
      read("Wardrobe", "Not a complaint as such, but the instructions had two steps the wrong way round.")
        .kind,
    ).toBe("complaint");
    expect(
      read("Delivery", "No complaints at all about the delivery, the lads were quick and careful.").kind,
    ).toBe("compliment");
  });

  it("reads our letters with the customer's details reaching an old address or a neighbour's door as a data breach", () => {
    for (const text of [
      "Your latest statement was posted to the old address anyway and the new tenants opened it.",
      "Your reminder letter with my balance on it was pushed through next door's letterbox.",
      "A letter from you with my name and the amount I owe on it was posted through his door.",
    ])
      expect(read("Post", text).signals, text).toEqual(
        expect.arrayContaining(["data-breach", "data-protection"]),
      );
    for (const text of [
      "My parcel went to my old address because I forgot to update it. Can you redirect it?",
      "Please send the final bill to my daughter's, and have the final bill sent to her address.",
      "Please don't send any letters to my old address.",
      "I've moved and my statements are still being sent to my old address. Please update it.",
      "I'm blind, so my neighbour opened it and read it to me.",
    ])
      expect(read("Post", text).signals, text).not.toContain("data-protection");
  });

  it("reads our staff telling someone else about the customer's account as a data breach, not the customer's own telling", () => {
    for (const text of [
      "My neighbour answered and your agent told her that I was three months behind.",
      "Someone from your collections team discussed my arrears with my landlord.",
    ])
      expect(read("Account", text).signals, text).toContain("data-breach");
    for (const text of [
      "I discussed my bill with my daughter and we'd like to switch to monthly payments.",
      "Your adviser told me that I owe £40. Could you send me a statement?",
      "I told them I was behind on my payments.",
      "I was out, so your adviser told her that my account would be credited.",
    ])
      expect(read("Account", text).signals, text).not.toContain("data-protection");
  });

  it("reads an account taken over, or the customer asking who has had their details, as a data breach", () => {
    for (const text of [
      "The password on my Hearth & Home account was changed, but I didn't change it.",
      "I want to know who has got my login details.",
      "How did this happen, and who has seen my details?",
    ])
      expect(read("Account", text).signals, text).toContain("data-breach");
    for (const text of [
      "I changed the password on my account last night and can't log in. Can you reset it?",
      "The email on my account was changed but I didn't get a confirmation.",
    ])
      expect(read("Password", text).signals, text).not.toContain("data-protection");
  });

  it("reads the Information Commissioner as a data-protection matter and a step, and a regulator brought in as a step", () => {
    const commissioner = read("Texts", "Stop texting me offers or I'll report you to the ICO.");
    expect(commissioner.signals).toEqual(expect.arrayContaining(["data-protection", "legal-threat"]));
    expect(
      read("Sewage", "It smells of sewage again. I've reported it to the Environment Agency.").signals,
    ).toContain("legal-threat");
  });

  it("reads an MP or a councillor taking up the case as an elected representative, not a legal threat", () => {
    for (const [subject, text] of <const>[
      ["Water", "I have copied my MP into this email. Three weeks without water is not on."],
      ["Bins", "I have asked our local councillor to take it up with you."],
      [
        "Constituent",
        "Office of Jo Penrose MP. Our constituent's bill has gone up again; please explain why.",
      ],
    ]) {
      const result = read(subject, text);
      expect(result.signals, text).toContain("elected-representative");
      expect(result.signals, text).not.toContain("legal-threat");
    }
    for (const text of [
      "Does the phone have the 50 MP camera or the 12 MP one?",
      "The MP3 files from my order won't download.",
      "I sent you a photo from my 12 MP camera.",
    ])
      expect(read("Order", text).signals, text).not.toContain("elected-representative");
  });

  it("reads the Welsh 'llys' in a place's name as no court, and with the article as one", () => {
    const place = read(
      "Visit: 15 Llys Gwyn",
      "Dim dŵr poeth yn y fflat ers ddoe. Fflat 3, Llys Menai, Bangor.",
    );
    expect(place.signals).not.toContain("legal-threat");
    expect(place.evidence).toContainEqual({ rule: "a-place-name:signal:legal-threat", matched: "llys" });
    expect(
      read("Ad-daliad", "Os na chaf fy arian yn ôl erbyn dydd Gwener, af â chi i'r llys.").signals,
    ).toContain("legal-threat");
  });

  it("reads our own papers' court wording told back as our step against the customer, not their threat", () => {
    for (const text of [
      "i got a leter saying i owe £412 and it will go to the court if i dont pay but i pay evry month",
      "I have received a summons to appear before the magistrates' court for arrears I have already paid.",
    ]) {
      const result = read("Council tax", text);
      expect(result.signals, text).not.toContain("legal-threat");
      expect(result.evidence, text).toContainEqual({
        rule: "our-step-against-the-customer:signal:legal-threat",
        matched: "court",
      });
    }
    expect(
      read("Your letter", "Your letter says you'll go to court if I don't pay. I will see you in court then.")
        .signals,
    ).toContain("legal-threat");
  });

  it("reads a solicitor doing other work (probate, conveyancing) as no threat, unless a step is raised with it", () => {
    const probate = read(
      "Letters",
      "Our family solicitor, who is dealing with probate, has already written to you. These letters are still coming and I want them stopped.",
    );
    expect(probate.signals).not.toContain("legal-threat");
    expect(probate.evidence).toContainEqual({
      rule: "other-legal-work:signal:legal-threat",
      matched: "solicitor",
    });
    expect(
      read(
        "Estate",
        "My solicitor is handling the estate, and I will be asking her to start proceedings if this isn't sorted.",
      ).signals,
    ).toContain("legal-threat");
  });

  it("reads a copy of CCTV asked for, a statement for a different customer and an ex who can still see the account as data protection", () => {
    for (const text of [
      "Please can I have a copy of the CCTV from the car park for that afternoon?",
      "The statement in my envelope is for a different customer, with her balance on it.",
      "My ex can obviously still see my payments in his app.",
    ])
      expect(read("Account", text).signals, text).toContain("data-protection");
    expect(
      read("Cameras", "Is there CCTV in the car park, and how long is the footage kept?").signals,
    ).not.toContain("data-protection");
  });

  it("reads a county court judgment, and our letter's court wording quoted, as no threat of the customer's", () => {
    const judgment = read(
      "Credit card",
      "I had a county court judgment in 2018 that was paid off. Can I apply?",
    );
    expect(judgment.signals).not.toContain("legal-threat");
    const quoted = read(
      "Your letter",
      'I got your letter saying my overdraft will go to a collection agency and that "court proceedings may follow". Can we agree £20 a month?',
    );
    expect(quoted.signals).not.toContain("legal-threat");
    expect(
      read("Your letter", "Your letter says it will go to court if I don't pay, so I'll see you in court.")
        .signals,
    ).toContain("legal-threat");
  });

  it("reads our words that the customer takes up in the next sentence as their step", () => {
    const takenUp = read(
      "Complaint",
      "Your complaints page says I can go to the ombudsman after eight weeks. I will, on Monday, if I don't have a final answer.",
    );
    expect(takenUp.signals).toContain("legal-threat");
    const onlyOurs = read(
      "Complaint",
      "The man on the phone told me I'd have to take it to court. Can you send me the form instead?",
    );
    expect(onlyOurs.evidence.map((e) => e.rule)).toContain("our-staffs-words:signal:legal-threat");
  });

  it("reads a threat a colleague reports in the third person as abuse, and an idiom of temper as none", () => {
    const note = (text: string) => classify({ subject: "Call note", text, writtenBy: "colleague" }, rules);
    expect(note("He said he would 'smash my face in' if I didn't cancel the fare.").signals).toContain(
      "abuse",
    );
    expect(note("He said he'd hit the roof if the bill went up again, but was calm.").signals).not.toContain(
      "abuse",
    );
    expect(note("She said they'll kill me at home if the bill isn't fixed.").signals).not.toContain("abuse");
  });

  it("reads hours at work cut, told of the customer in a colleague's note, as vulnerability", () => {
    const note = classify(
      {
        subject: "Call note",
        text: "She mentioned her hours at work were cut in October and she is struggling to keep on top of everything.",
        writtenBy: "colleague",
      },
      rules,
    );
    expect(note.signals).toContain("vulnerability");
  });

  it("reads the customer's identity stolen as vulnerability, and fraud victims in general as none", () => {
    expect(
      read("Loan", "I think my identity has been stolen and I'm very shaken. Please stop the loan.").signals,
    ).toContain("vulnerability");
    expect(
      read(
        "Leaflet",
        "Do you have a leaflet for customers who have been the victim of fraud? I'd like copies.",
      ).signals,
    ).not.toContain("vulnerability");
  });

  it("keeps vulnerability in a thank-you for an adjustment arranged, however it is written", () => {
    for (const text of [
      "I'm partially sighted and was dreading online bills. Kayleigh set me up with large-print bills. Thank you.",
      "I'm having chemotherapy and some days I can't manage calls. Dev set my son up as a third party so he can speak to you for me. Thank you.",
    ]) {
      const result = read("Thank you", text);
      expect(result.kind, text).toBe("compliment");
      expect(result.signals, text).toContain("vulnerability");
    }
    expect(read("Calendars", "Do you sell large-print calendars for next year?").signals).not.toContain(
      "vulnerability",
    );
  });
});

describe("classify, reading the kind from the shape of the language", () => {
  const note = colleagueNote("Call note");
  const rulesFound = (subject: string, text: string) => read(subject, text).evidence.map((e) => e.rule);

  it("reads the writer's own ability said to be poor as no dissatisfaction, and our service said to be poor as some", () => {
    expect(read("Return", "Sorry my english is not good. How I send the shoes back?").kind).toBe("query");
    expect(
      rulesFound("Return", "My eyes are not good, my son is typing. The heater has stopped working."),
    ).toContain("the-writers-own:dissatisfaction:explicit");
    expect(read("Refund", "My english is not perfect but your service is not good.").kind).toBe("complaint");
  });

  it("reads a grumble inside thanks, and patience running out, as a complaint", () => {
    expect(
      read("Thanks, but", "Thank you to Dan, he was great. But I shouldn't have had to ring at all.").kind,
    ).toBe("complaint");
    expect(read("Part", "I'm running out of patience now. The part was due last Tuesday.").kind).toBe(
      "complaint",
    );
    expect(read("Thank you", "Thank you for your patience with my mum on the phone yesterday.").kind).toBe(
      "compliment",
    );
  });

  it("reads telling someone a number of times, and a promise reported and not kept, as a complaint", () => {
    expect(read("Old flat", "I have told you 4 times that I moved out. Please stop the bills.").kind).toBe(
      "complaint",
    );
    expect(read("Calls", "I've told your collections team twice that it was paid.").kind).toBe("complaint");
    expect(read("Form", "The man said he'd send the form out that day but nothing has come.").kind).toBe(
      "complaint",
    );
    expect(
      read(
        "Delivery",
        "Your website said delivery would take 3 to 5 days but I need it by Friday. Can I pay for next day?",
      ).kind,
    ).toBe("query");
  });

  it("reads a promise told as kept, and chasing the writer thanks someone for, as no dissatisfaction", () => {
    expect(read("Boiler", "The engineer came back on Thursday as he promised. Thank you.").kind).toBe(
      "compliment",
    );
    expect(read("Boiler", "The engineer didn't come back on Thursday as he promised.").kind).toBe(
      "complaint",
    );
    expect(rulesFound("Parcel", "Thanks so much for chasing the courier for me, it came today.")).toContain(
      "thanked-for:dissatisfaction:chasing",
    );
    expect(read("Parcel", "I've chased this three times and still no parcel.").kind).toBe("complaint");
  });

  it("reads glad punctuation in thanks as no distress, and praise for a fault put right as a compliment", () => {
    expect(
      read("Thank you!!", "My oven stopped working on Monday and it was fixed by Tuesday. Brilliant.").kind,
    ).toBe("compliment");
    expect(
      read("Oven", "My oven stopped working on Monday and nobody has come!! I've three kids to feed.").kind,
    ).toBe("complaint");
    expect(
      read(
        "Shower",
        "Lovely engineer, but the shower he fitted has started leaking. Could someone take a look?",
      ).kind,
    ).toBe("problem");
  });

  it("reads a putting right only wished for as none done", () => {
    expect(
      read("Heater", "It trips the fuse. I'd rather give you the chance to put it right, but I'm not happy.")
        .kind,
    ).toBe("complaint");
    expect(
      read("Thank you Kate", "I was annoyed at first, but Kate in your team put it right within the hour.")
        .kind,
    ).toBe("compliment");
  });

  it("reads damage left behind and money the organisation should bear as a complaint", () => {
    expect(
      read("Fitter", "Your fitter left a big scratch on my floor. I want it repaired at your cost.").kind,
    ).toBe("complaint");
    expect(read("Delivery", "I paid for express delivery. I think I'm owed the £7.99 back.").kind).toBe(
      "complaint",
    );
    expect(read("Balance", "How much do I owe on my store card?").kind).toBe("query");
  });

  it("reads less than was to be expected, money spent at the writer's own expense and still receiving what they stopped as dissatisfaction", () => {
    expect(
      read(
        "Coach C",
        "The guard was lovely, but a cold coach is not really what you expect on a first class ticket.",
      ).kind,
    ).toBe("complaint");
    expect(
      read("Documents", "I'm not sure what you expect me to send. Which documents do you need?").kind,
    ).toBe("query");
    expect(read("Lift", "The lift is broken, so I've been getting a taxi at my own expense.").kind).toBe(
      "complaint",
    );
    expect(read("Emails", "I unsubscribed in June and I'm still getting your sale emails.").kind).toBe(
      "complaint",
    );
    expect(
      read("Thank you", "Thank you for your help. I'm still getting used to the app but you made it easier.")
        .kind,
    ).toBe("compliment");
    expect(
      read("Fare", "The machine was broken so I paid a full fare. I want the difference back.").kind,
    ).toBe("complaint");
  });

  it("reads redress asked as a question after something gone wrong, and an instruction not followed, as a complaint", () => {
    expect(
      read("Delivery", "It came three days later. Could the delivery charge be refunded please?").kind,
    ).toBe("complaint");
    expect(
      read("Returns", "If I send the lamp back unused, will the postage be refunded as well?").kind,
    ).toBe("query");
    expect(
      read("Statements", "I asked for email only. Despite this, paper statements still arrive.").kind,
    ).toBe("complaint");
  });

  it("reads praise told as what someone deserves, or to be passed to their manager", () => {
    expect(read("Guard", "The guard handled it calmly and kindly. She deserves recognition.").kind).toBe(
      "compliment",
    );
    expect(
      read("Cleaner", "The cleaner ran after me with my wallet. Please make sure his manager knows.").kind,
    ).toBe("compliment");
    expect(
      read("Cleaner", "Your cleaner shouted at me. Please make sure his manager knows how rude he was.").kind,
    ).toBe("complaint");
  });

  it("reads what a colleague's note says the customer asked in the third person", () => {
    expect(note("Customer rang and asked if her statements could be sent by post from now on.").kind).toBe(
      "request",
    );
    expect(note("Mrs Doyle asked to be added to the mailing list.").kind).toBe("request");
    expect(note("She asked whether we can put a daily spending limit on the card.").kind).toBe("request");
    expect(note("Customer called wanting to know what time the Leeds store opens.").kind).toBe("query");
    expect(note("Mr Shah asked whether he can return a lamp without the box. Told him yes.").kind).toBe(
      "query",
    );
    expect(
      read(
        "Phone call",
        "Someone rang saying they were from your card team and asked for my PIN. Was that you?",
      ).kind,
    ).toBe("query");
  });
});

describe("detectLanguage", () => {
  const language = rules.language;

  it.each([
    ["en", "My parcel has not arrived and I have been waiting for two weeks now."],
    ["cy", "Dydw i ddim wedi cael fy nwyddau eto. Beth sy'n digwydd os gwelwch yn dda?"],
    ["cy", "Rwy'n ysgrifennu i gwyno am y gwasanaeth gwael yn y siop."],
    ["fr", "Je n'ai toujours pas reçu le colis que j'ai commandé il y a trois semaines."],
    ["fr", "Madame, Monsieur, le produit est arrivé endommagé et je souhaite un échange."],
  ] as const)("recognises %s in %j", (code, text) => {
    expect(detectLanguage(text, language).language).toBe(code);
  });

  it("keeps the default for an English message that quotes a few foreign words", () => {
    const text = "I bought the Bon Appétit set de la maison and the lid is cracked.";
    expect(detectLanguage(text, language).language).toBe("en");
  });

  it("keeps the default when a message is too short to tell", () => {
    expect(detectLanguage("Merci", language)).toEqual({ language: "en", evidence: [] });
  });

  it("records the words that decided the language", () => {
    const result = detectLanguage("Mae fy archeb heb gyrraedd. Rwy'n anhapus iawn.", language);
    expect(result.evidence).toEqual([{ rule: "language:cy", matched: "mae, fy, heb, rwy, n, iawn" }]);
  });
});

describe("findPhrase", () => {
  const negation = { words: new Set(["not", "no", "don't"]), window: 3 };

  it.each([
    ["matches across a line break", "I am fed\nup with this", "fed up", true],
    ["matches with a curly apostrophe", "It hasn’t arrived", "hasn't arrived", true],
    ["matches whole words only", "The chocolate melted", "late", false],
    ["matches a question mark anywhere", "Where is it?", "?", true],
  ] as const)("%s", (_, text, phrase, expected) => {
    expect(findPhrase(normaliseText(text), phrase)?.found ?? false).toBe(expected);
  });

  it("finds a later occurrence when the first one is negated", () => {
    const text = normaliseText("I was not unhappy at first. Now I am unhappy.");
    expect(findPhrase(text, "unhappy", negation)).toEqual({
      found: true,
      phrase: "unhappy",
      at: text.lastIndexOf("unhappy"),
    });
  });
});

describe("signals told in other words", () => {
  const note = colleagueNote("Counter note");

  it("reads a colleague's note of an insult in quotes or a threat to wait for them as abuse", () => {
    expect(note("When Sam explained the wait he called him a 'useless little prick'.").signals).toContain(
      "abuse",
    );
    expect(note("She said she'd be waiting for him in the car park.").signals).toContain("abuse");
    expect(note("He called the office a couple of times about the repair.").signals).not.toContain("abuse");
  });

  it("reads a partner who has been abusive, told to a colleague, as the customer's vulnerability, not abuse of staff", () => {
    const result = note(
      "Ms Sharp came in to remove her ex-partner from the account. She disclosed he has been abusive.",
    );
    expect(result.signals).toContain("vulnerability");
    expect(result.signals).not.toContain("abuse");
    expect(note("The caller became abusive when told the wait.").signals).toContain("abuse");
  });

  it("reads a number ported without the customer's say, and how someone got their details, as a data breach", () => {
    expect(
      read("Number", "My number was ported to another network yesterday without my permission.").signals,
    ).toContain("data-protection");
    expect(read("Fraud", "How did somebody get my details to do this?").signals).toContain("data-protection");
    expect(
      read("Moving", "I want my number ported to my new network, here is my PAC.").signals,
    ).not.toContain("data-protection");
  });

  it("reads a no-win-no-fee disrepair claim as a legal step, and a walking frame as a condition", () => {
    expect(
      read("Ceiling", "If it's still like this after Christmas I'll go with one of the no win no fee firms.")
        .signals,
    ).toContain("legal-threat");
    expect(read("Rails", "I've had a fall in the bath and now walk with a walking frame.").signals).toContain(
      "vulnerability",
    );
  });
});

describe("signals read from their shape in an insurer's and a council's mail", () => {
  const note = colleagueNote("Call note");
  const weighed = (subject: string, text: string) => classify({ subject, text }, rules);

  it("reads a household put out of its home by a flood or a fire as a life event, not a stay away from home", () => {
    expectEach("vulnerability", true, [
      ["Flood", "The kitchen flooded on Friday and we're staying at my sister's until it dries."],
    ]);
    expect(vulnerable(note("Fire claim HF-1. Mr Lowe and family living in a hotel since the fire."))).toBe(
      true,
    );
    expectEach("vulnerability", false, [
      ["Cover", "We're staying at a hotel in York next week. Can I add my son to the policy?"],
    ]);
    expectEach("vulnerability", false, [
      ["Alarm", "The fire alarm test woke us. We're staying at a hotel next week for a wedding."],
    ]);
  });

  it("reads thoughts of ending one's life as a condition, and ending a contract as nothing of the kind", () => {
    expect(vulnerable(note("Said he can't see a way out and has been thinking about ending things."))).toBe(
      true,
    );
    expectEach("vulnerability", false, [
      ["Cancel", "I'm thinking about ending things with you and moving my policy."],
    ]);
  });

  it("reads a failing sense stated plainly as a condition, and a poor photo as none", () => {
    expectEach("vulnerability", true, [
      ["Renewal", "My eyes are not good enough to type any more, please phone me."],
    ]);
    expectEach("vulnerability", true, [["Renewal", "My hearing's going, so letters are better than calls."]]);
    expectEach("vulnerability", false, [
      ["Claim", "My photos are not good enough to show the dent, shall I send more?"],
    ]);
  });

  it("reads dyslexia spelt as it sounds, and an apology for typing on a phone as nothing", () => {
    expectEach("vulnerability", true, [["Bin", "i am dislexic so sorry for speling, my bin is broke"]]);
    expect(vulnerable(read("Bin", "Sorry for the spelling, I'm typing on my phone. My bin is broken."))).toBe(
      false,
    );
  });

  it("reads simple words asked for, or letters read out by family, as capability, and plain English as a gibe", () => {
    expectEach("vulnerability", true, [
      ["Bins", "Which day do the bins go? Please explain it to me in simple words."],
    ]);
    expect(vulnerable(note("Asked for letters in simple English as his son reads them for him."))).toBe(true);
    expectEach("vulnerability", false, [
      ["Bill", "Can you explain in plain English why my bill has gone up?"],
    ]);
    expect(vulnerable(read("Bill", "To put it in simple words for me: you have charged me twice."))).toBe(
      false,
    );
  });

  it("reads moving to get away from someone as a life event, and moving away from road noise as none", () => {
    expect(
      vulnerable(note("She moved out of the area to get away from someone and fears he will find her.")),
    ).toBe(true);
    expectEach("vulnerability", false, [
      ["Move", "We moved to get away from the noise of the main road. New address below."],
    ]);
  });

  it("reads an illness the customer says is over as no longer bearing on them", () => {
    expect(vulnerable(read("Restart", "I had depression last year but I'm well now and back at work."))).toBe(
      false,
    );
    expectEach("vulnerability", true, [
      ["Restart", "I have depression and phone calls are hard for me at the moment."],
    ]);
  });

  it("keeps a condition in a thank-you when something is still outstanding or the customer is in the middle of treatment", () => {
    expect(
      vulnerable(
        weighed(
          "Thanks",
          "I'm registered blind and wanted to say thanks to the crew who helped when I fell. I still haven't had the new bin I asked for, though.",
        ),
      ),
    ).toBe(true);
    expect(
      vulnerable(
        weighed(
          "Thank you to Mr Patel",
          "I wanted to say how kind Mr Patel was. I am in the middle of chemotherapy and he took his time with me. Please pass on my thanks.",
        ),
      ),
    ).toBe(true);
    expect(
      vulnerable(
        weighed(
          "Thank you Aisha",
          "I want to thank Aisha for closing my late husband's account so kindly. After months of going round in circles she got it done in a week.",
        ),
      ),
    ).toBe(false);
  });

  it("reads an insult for a stranger as no abuse of staff, and the same insult for our crew as abuse", () => {
    expect(read("Claim", "Some bloody idiot went into the back of me at the lights.").signals).not.toContain(
      "abuse",
    );
    expect(read("Bins", "Some idiot on your bin crew threw my bin in the road.").signals).toContain("abuse");
  });

  it("reads profanity that is a word for people as aimed at whoever it names, not at a thing", () => {
    expect(
      note('Comment on our page: "the lazy t***s on the bin wagon can\'t be arsed, hope they get the sack".')
        .signals,
    ).toContain("abuse");
    expect(read("Claim", "Some t**t in a van reversed into my car in the car park.").signals).not.toContain(
      "abuse",
    );
  });

  it("reads a colleague's note of swearing, spitting or violence threatened at a colleague in the third person as abuse", () => {
    expect(note("The resident swore at the loader repeatedly.").signals).toContain("abuse");
    expect(note("Motorist spat at the officer's feet before driving off.").signals).toContain("abuse");
    expect(note('He threatened to "put a brick through the windscreen" of the wagon.').signals).toContain(
      "abuse",
    );
    expect(note("He threatened to cancel his policy and go elsewhere.").signals).not.toContain("abuse");
    expect(note("Resident says the crew spat out their gum on his drive.").signals).not.toContain("abuse");
  });

  it("reads someone else told of the customer's debt as a breach, and the customer told it themselves as none", () => {
    expect(
      note("Her landlord was told by our agent, who called at the wrong flat, that she owes rent arrears.")
        .signals,
    ).toContain("data-protection");
    expect(
      read("Arrears", "I was told by your agent that I owe arrears of £300. Can I pay monthly?").signals,
    ).not.toContain("data-protection");
  });

  it("reads our letter with the customer's details reaching an old address as a breach, and a late one as none", () => {
    expect(
      note("A letter from us went to her old address containing her benefit details and arrears.").signals,
    ).toContain("data-protection");
    expect(
      read("Post", "Your letter went to my old address so I missed the deadline to pay.").signals,
    ).not.toContain("data-protection");
  });

  it("reads a name change asking for the old name or title to be removed as data protection, and a married name as an update", () => {
    expect(
      read("Name", "I have changed my name by deed poll. Please update my records and delete my old name.")
        .signals,
    ).toContain("data-protection");
    expect(note("They want their records updated to Sam and the title removed.").signals).toContain(
      "data-protection",
    );
    expect(
      read("Name", "I got married in May, please change my surname on the account to Lyons.").signals,
    ).not.toContain("data-protection");
  });

  it("reads a legal step asked about on a supposition as a lower-weight threat, never nothing", () => {
    const asked = read(
      "Claim",
      "If my claim gets turned down, would I need a solicitor to challenge it? No problems so far.",
    );
    expect(asked.signals).toContain("legal-threat");
    expect(asked.evidence).toContainEqual(
      expect.objectContaining({ rule: "lower-weight:signal:legal-threat" }),
    );
    expect(
      read("Invoice", "My solicitor needs a copy of the invoice, could you send it?").signals,
    ).not.toContain("legal-threat");
  });

  it("reads solicitors acting for a neighbour against our customer as other legal work, and for our customer as a step", () => {
    expect(
      note(
        "Letter from Pike Solicitors acting for the neighbour of our policyholder, claiming for water damage.",
      ).signals,
    ).not.toContain("legal-threat");
    expect(
      note(
        "Letter from Pike Solicitors acting for our policyholder about our refusal of her water damage claim.",
      ).signals,
    ).toContain("legal-threat");
  });

  it("reads the same shapes in other words: a family put up after a fire, post read out, a starred word for people, a debt told", () => {
    expectEach("vulnerability", true, [
      ["Fire", "After the fire the council have put us up in a B&B on the ring road."],
    ]);
    expect(vulnerable(note("Her grandson reads her post for her."))).toBe(true);
    expect(
      note('Comment on our post: "the useless pr**ks in the office never grit our road".').signals,
    ).toContain("abuse");
    expect(read("Claim", "Some w*****r in a van reversed into my car and drove off.").signals).not.toContain(
      "abuse",
    );
    expect(read("Bailiff", "My neighbours were told I'm behind on council tax.").signals).toContain(
      "data-protection",
    );
  });
});

describe("classify, reading the kind where a polite, reported or asked shape hides it", () => {
  const note = colleagueNote("Call note");
  const rulesFound = (subject: string, text: string) => read(subject, text).evidence.map((e) => e.rule);

  it("reads a grumble opening with 'shame' or 'pity' inside praise as a complaint, and sympathy as none", () => {
    expect(
      read("Engineer", "Marek was lovely and fixed the boiler fast. Pity it took me a week to get a booking.")
        .kind,
    ).toBe("complaint");
    expect(
      read("Snow", "Ah that's a real shame about the snow, no rush at all. Thanks for letting me know.").kind,
    ).toBe("compliment");
  });

  it("reads time spent on hold as time gone, and an on-hold account as none", () => {
    expect(rulesFound("Phone", "I spent 35 minutes on hold this morning.")).toContain(
      "dissatisfaction:elapsed-time",
    );
    expect(rulesFound("Phone", "Please put my account on hold while I am in hospital.")).not.toContain(
      "dissatisfaction:elapsed-time",
    );
  });

  it("reads redress asked for as a question as a complaint, and a question about what the writer can do as none", () => {
    expect(
      read("Fitter", "Your fitter cracked two floor tiles in my hall. What are you going to do about it?")
        .kind,
    ).toBe("complaint");
    expect(read("Windows", "What can I do about condensation on my new windows?").kind).toBe("query");
  });

  it("reads a rhetorical 'is that what you call' as dissatisfaction", () => {
    expect(
      read(
        "Renewal",
        "My premium has doubled after ten years. Is that what you call looking after customers?",
      ).kind,
    ).toBe("complaint");
  });

  it("reads not liking how one was spoken to, and staff short with the customer, as dissatisfaction", () => {
    expect(read("Call", "I didn't like the way I was spoken to on Friday. What is my balance?").kind).toBe(
      "complaint",
    );
    expect(read("Counter", "The woman at the desk was rather short with me. When do you open?").kind).toBe(
      "complaint",
    );
  });

  it("reads a trouble averted and 'poor thing' as no dissatisfaction, and the same words of us as some", () => {
    expect(
      read("Thanks", "Thanks for getting the engineer out so fast, it would have been a nightmare otherwise.")
        .kind,
    ).toBe("compliment");
    expect(read("Booking", "Booking the repair was a nightmare.").kind).toBe("complaint");
    expect(
      read("Cover", "Our cat clawed the new curtains (she's very nervous, poor thing). Is that covered?")
        .kind,
    ).toBe("query");
    expect(read("Service", "Poor service from start to finish.").kind).toBe("complaint");
  });

  it("reads a house gutted by fire as damage, and a person gutted as dissatisfied", () => {
    expect(rulesFound("Fire", "The fire has gutted the back bedroom. How do I claim?")).not.toContain(
      "dissatisfaction:explicit",
    );
    expect(rulesFound("Repair", "I'm absolutely gutted the repair failed again.")).toContain(
      "dissatisfaction:explicit",
    );
  });

  it("reads an indirect question about the writer's own next step as no broken promise", () => {
    expect(
      read("Meter", "I'm not sure what I'm supposed to do with the old meter. Can you tell me?").kind,
    ).toBe("query");
    expect(read("Meter", "The engineer was supposed to take the old meter away.").kind).toBe("complaint");
  });

  it("reads redress only asked about as no demand, and redress claimed as one", () => {
    expect(
      read("Closing", "I've moved abroad so please close my account and let me know if I'm owed anything.")
        .kind,
    ).toBe("request");
    expect(read("Closing", "I'm owed £40 from my last bill.").kind).toBe("complaint");
  });

  it("reads a legal step denied beside time gone as dissatisfaction, and either alone as not enough", () => {
    expect(
      read(
        "Claim",
        "I don't want to involve the ombudsman. It's been seven weeks. Please just give me a date.",
      ).kind,
    ).toBe("complaint");
    expect(read("Claim", "I don't want to involve the ombudsman. Please just give me a date.").kind).toBe(
      "request",
    );
  });

  it("reads a money-taken-off redress, and someone taken off duty as none", () => {
    expect(rulesFound("Fee", "I want the late payment fee taken off.")).toContain("dissatisfaction:redress");
    expect(
      note("Officer shaken after a driver shouted at him, taken off patrol for the day.").evidence.map(
        (e) => e.rule,
      ),
    ).not.toContain("dissatisfaction:redress");
  });

  it("reads whether the writer needs to do something as a question, and needing it done as a request", () => {
    expect(read("Cover", "Does my contents cover include my bike, or do I need to add it?").kind).toBe(
      "query",
    );
    expect(read("Cover", "I need to add my new bike to my contents cover.").kind).toBe("request");
  });

  it("reads asking for an update as a question, and asking for something sent as a request", () => {
    expect(read("Claim", "Could you give me an update on my windscreen claim please?").kind).toBe("query");
    expect(read("Card", "Could you send me a new parking permit please?").kind).toBe("request");
  });

  it("reads something needing changing, and 'please' in mid-sentence, as a request", () => {
    expect(read("Direct debit", "I need my direct debit date changing to the 15th.").kind).toBe("request");
    expect(
      read("Moved", "I've moved to 4 Ash Road and please don't post anything to the old address.").kind,
    ).toBe("request");
    expect(
      read("Bill", "I get anxious on the phone so please reply by email. What is this charge?").kind,
    ).toBe("query");
  });

  it("reads a service not done, and a payment taken twice, as something gone wrong", () => {
    expect(read("Bins", "Our blue bin wasn't emptied this week. Can someone come back for it?").kind).toBe(
      "problem",
    );
    expect(read("Parking", "The machine took my card payment twice this morning.").kind).toBe("problem");
    expect(read("Delivery", "I wasn't charged for delivery, is that right?").kind).toBe("query");
  });

  it("reads a careless act again, and a grumble 'every week', as a complaint, and the writer's own slip as none", () => {
    expect(read("Gate", "Your bin crew left our gate wide open again.").kind).toBe("complaint");
    expect(read("Bin", "The bin gets put back on the pavement. Every week.").kind).toBe("complaint");
    expect(read("Lost", "I left my bag on the bus again, is there a lost property office?").kind).toBe(
      "query",
    );
  });

  it("reads in a colleague's note what the customer asked for as a request, and in a customer's own message as a past ask", () => {
    expect(note("Mr Okoye asked for all letters to go to his daughter's address.").kind).toBe("request");
    expect(read("Balance", "I asked for large print last year. What is my balance?").kind).toBe("query");
  });

  it("reads a visit or a call to ask as a query, and one to thank as a compliment", () => {
    expect(note("Mr Lee came to the counter to ask what proof of address he needs.").kind).toBe("query");
    expect(note("Mrs Ali rang in to thank Sam for his help with her claim.").kind).toBe("compliment");
  });

  it("reads delight as praise, and delight denied as dissatisfaction", () => {
    expect(note("Customer collected the car and said she was over the moon with it.").kind).toBe(
      "compliment",
    );
    expect(read("Repair", "I'm not exactly thrilled with how the repair looks.").kind).toBe("complaint");
  });

  it("reads a fault averted as none, the customer ending something as a request, and their own expectation as no fault", () => {
    expect(
      read(
        "Callout",
        "Thank you for the Sunday callout. Without your engineer it would have been a weekend with no heating.",
      ).kind,
    ).toBe("compliment");
    expect(read("Callout", "We had a weekend with no heating.").kind).toBe("problem");
    expect(read("Account", "I'm closing my account as I'm moving abroad.").kind).toBe("request");
    expect(read("Driver", "I'd like to add my son as a named driver.").kind).toBe("request");
    expect(read("Bill", "I wasn't expecting the bill so early, when is it due?").kind).toBe("query");
    expect(read("Boiler", "The boiler wasn't heating the water, can you look at it?").kind).toBe("problem");
  });

  it("reads a wait called far too long as dissatisfaction", () => {
    expect(
      read("Call", "Rory was very helpful in the end, but 50 minutes on hold is far too long.").kind,
    ).toBe("complaint");
  });

  it("keeps a vulnerability told in thanks when the customer is finding things hard at the moment", () => {
    const thanks = "Thank you, Ali, for all your help after my husband died.";
    expect(read("Thank you", `${thanks} I'm finding everything hard at the moment.`).signals).toContain(
      "vulnerability",
    );
    expect(read("Thank you", `${thanks} It made a sad time easier.`).signals).not.toContain("vulnerability");
  });

  it("reads the writer running down their own skill, and a hard stretch of their life, as no dissatisfaction", () => {
    expect(read("Password", "Sorry, I'm useless with apps. Could you reset my password?").kind).toBe(
      "request",
    );
    expect(read("App", "Your app is useless. Could you reset my password?").kind).toBe("complaint");
    expect(
      read(
        "Thank you",
        "It's been an awful few weeks since my mum's fall, so thank you to Bea for her kindness.",
      ).kind,
    ).toBe("compliment");
    expect(read("Repairs", "You've made this an awful few weeks with all the missed repairs.").kind).toBe(
      "complaint",
    );
  });

  it("reads a refund given or asked how it works as none wanted, and a refund asked for as one", () => {
    const note = (text: string) =>
      classify({ subject: "Note", text, writtenBy: "colleague" }, rules, RULES_ONLY);
    expect(note("Found the March bill was charged twice. Raised a refund of £40 to her card.").kind).toBe(
      "problem",
    );
    expect(
      read("Order page", "The refund email says £0.00 but the order page says £20. Just so you know.").kind,
    ).toBe("problem");
    expect(read("Refund", "The March bill was charged twice. I want a refund.").kind).toBe("complaint");
  });

  it("reads a thing named with 'please', and what someone would like, as a request, and a question ending 'please' as a query", () => {
    expect(read("Statements", "Paper statements from now on please.").kind).toBe("request");
    expect(read("Prices", "how much is the monthly plan please.").kind).toBe("query");
    expect(note("Mr Osei rang. He'd like a new recycling box dropped off.").kind).toBe("request");
    expect(read("Letter", "I'd like an explanation of the letter you sent.").kind).toBe("query");
    expect(note("Mrs Khan asked us to hold the payment reminder until Friday.").kind).toBe("request");
    expect(note("Mrs Khan asked us to pass her thanks to the driver.").kind).toBe("compliment");
  });

  it("reads 'patient' naming the person treated, and 'outstanding' naming what is owed, as no praise", () => {
    expect(
      read("Portal", "The patient portal sends me back to the login page. My patient number is 3351877.")
        .kind,
    ).toBe("problem");
    expect(read("Dr Aziz", "Dr Aziz was so patient with my son today.").kind).toBe("compliment");
    expect(
      read("Estate", "Please tell us whether any balance remains outstanding on the account.").kind,
    ).not.toBe("compliment");
    expect(read("Reception", "The care on the ward was outstanding from start to finish.").kind).toBe(
      "compliment",
    );
  });

  it("reads 'I wanted you to know' as telling, not asking", () => {
    expect(
      read(
        "Physio team",
        "I wanted you to know that Tom in the physio team gave me my confidence back. Thank you.",
      ).kind,
    ).toBe("compliment");
    expect(read("Parking", "I wanted to know whether the car park is free for patients.").kind).toBe("query");
  });

  it("reads 'what are you doing about it?' as redress asked for", () => {
    expect(
      read("Letter", "Your letter with my results went to my old address. What are you doing about it?").kind,
    ).toBe("complaint");
    expect(
      read("Letter", "Your letter went to my old address. What are you doing this weekend?").kind,
    ).not.toBe("complaint");
  });

  it("reads food that was inedible, and nobody helping, as something gone wrong beside a refund demanded", () => {
    expect(
      read("In-flight food", "Paid £14.99 for the hot meal and it was inedible. Want my money back.").kind,
    ).toBe("complaint");
    expect(
      read("Flight", "Flight cancel, we wait two day, nobody help. I want money back please.").kind,
    ).toBe("complaint");
    expect(read("In-flight food", "Paid £14.99 for the hot meal. Want my money back.").kind).toBe("request");
  });

  it("reads an expectation let down and a wait told with 'eventually' as dissatisfaction", () => {
    expect(
      read("Crown", "The crown came off on Wednesday. At £780 I had rather hoped it might last the week.")
        .kind,
    ).toBe("complaint");
    expect(read("Implant", "I had hoped to come in on Friday. Is there a slot?").kind).toBe("query");
    expect(
      read("Assistance", "We sat on the plane until the assistance team eventually turned up.").kind,
    ).toBe("complaint");
    expect(read("Assistance", "The assistance team turned up at the gate as booked.").kind).not.toBe(
      "complaint",
    );
  });

  it("reads Welsh 'no answer' and 'three times' as chasing", () => {
    expect(
      read("Ad-daliad", "Rwyf wedi anfon e-bost dair gwaith heb ateb. Hoffwn gael fy arian yn ôl.").kind,
    ).toBe("complaint");
    expect(read("Copi", "Hoffwn gael copi o'r llythyr os gwelwch yn dda.").kind).toBe("request");
  });

  it("reads thanks for a failure or for hours stuck waiting as sarcasm, and thanks for help as thanks", () => {
    expect(read("Bag", "cheers for losing my bag again lol").kind).toBe("complaint");
    expect(read("Delay", "Thank you ever so much for the nine hours sat on the terminal floor.").kind).toBe(
      "complaint",
    );
    expect(read("Bag", "Cheers for finding my bag so quickly.").kind).toBe("compliment");
  });

  it("reads a threat to go to the papers as dissatisfaction", () => {
    expect(
      read("Heraklion", "We were left at the airport overnight. I will go to the papers with this.").kind,
    ).toBe("complaint");
    expect(
      read("Heraklion", "We were at the airport overnight and went to the shops for papers.").kind,
    ).not.toBe("complaint");
  });

  it("reads a thank-you card passed on in a colleague's note as praise", () => {
    const note = (text: string) =>
      classify({ subject: "Desk note", text, writtenBy: "colleague" }, rules, RULES_ONLY);
    expect(note("A passenger left a thank-you card at the desk for the crew of BW119.").kind).toBe(
      "compliment",
    );
    expect(note("A passenger left a bag at the desk for the crew of BW119.").kind).not.toBe("compliment");
  });

  it("reads a colleague's note of the customer's own manner as no praise", () => {
    const note = (text: string) =>
      classify({ subject: "Tech log", text, writtenBy: "colleague" }, rules, RULES_ONLY);
    expect(note("Mrs Gallagher rang about her son's extraction. She was upset but polite.").kind).not.toBe(
      "compliment",
    );
    expect(note("Mrs Adeyemi rang to say Nurse Ellis was so patient and kind with her.").kind).toBe(
      "compliment",
    );
  });

  it("reads someone or something left behind as something gone wrong, over a colleague's ask to put it right", () => {
    const note = (text: string) =>
      classify({ subject: "Bag report", text, writtenBy: "colleague" }, rules, RULES_ONLY);
    expect(
      note("Mrs Fenwick's bag was left in the hold room at Alicante. Please arrange a courier.").kind,
    ).toBe("problem");
    expect(note("Mrs Fenwick asked us to arrange a courier for her bag.").kind).toBe("request");
  });
});

describe("signals read from their shape in an airline's, a holiday company's and a private hospital's mail", () => {
  const note = colleagueNote("Call note");
  const legal = has("legal-threat");
  const dataProtection = has("data-protection");

  it("reads a dispute scheme or a sector's regulator taken up as a legal step, and a scheme asked about as none", () => {
    expect(
      legal(
        read("Complaint", "If this is not resolved I will take it to ISCAS for independent adjudication."),
      ),
    ).toBe(true);
    expect(
      legal(read("Refund", "If you won't refund those nights I will refer the matter to the CAA.")),
    ).toBe(true);
    expect(
      legal(
        read(
          "Root canal",
          "I'm not going to report Dr Mercer to the General Dental Council, but I want an answer.",
        ),
      ),
    ).toBe(true);
    expect(
      legal(
        read(
          "Claim",
          "You have rejected my claim three times. Please send me a deadlock letter so I can take it further.",
        ),
      ),
    ).toBe(true);
    expect(
      legal(
        read(
          "Holiday",
          "Is the package holiday ABTA protected, and is the flight with the CAA's ATOL scheme?",
        ),
      ),
    ).toBe(false);
  });

  it("reads someone in hospital as a condition, and our hospital named as a place as none", () => {
    expectEach("vulnerability", true, [
      ["Bill", "I've just come home from hospital and can't get to the post office."],
    ]);
    expect(vulnerable(read("Parking", "Is there parking at your Leeds hospital for outpatients?"))).toBe(
      false,
    );
    expectEach("vulnerability", false, [
      ["Records", "Please send the notes from my stay at the Edgbaston hospital, patient no 1234."],
    ]);
  });

  it("reads a medical device or a fear of treatment as a condition, and the same words for someone else or a bill as none", () => {
    expectEach("vulnerability", true, [
      ["Cabin bag", "I have sleep apnoea and use a CPAP machine at night. Can it go in the cabin?"],
    ]);
    expectEach("vulnerability", true, [
      ["Check-up", "I've been dreading the dentist for years, could I have a longer slot?"],
    ]);
    expectEach("vulnerability", false, [
      ["Bill", "I was dreading the bill, but the price was fine. Could you send the invoice?"],
    ]);
  });

  it("reads a partner told of as passed as a bereavement, and a test passed as none", () => {
    expectEach("vulnerability", true, [
      ["Account", "My wife did the bookings and since she passed in May I've been lost with it."],
    ]);
    expectEach("vulnerability", false, [
      ["Insurance", "Since he passed his driving test my son drives the car, can you add him?"],
    ]);
  });

  it("reads another patient's or passenger's details sent to the customer as a breach, and another patient seen first as none", () => {
    expect(
      dataProtection(
        read(
          "Wrong letter",
          "Inside was a discharge summary for a different patient, with her name and address.",
        ),
      ),
    ).toBe(true);
    expect(
      dataProtection(read("App", "The app shows a boarding pass for someone called Helen Doyle, not mine.")),
    ).toBe(true);
    expect(
      dataProtection(
        read("Wait", "A different patient was seen before me, with no explanation of the wait."),
      ),
    ).toBe(false);
    expect(
      dataProtection(read("Booking", "Can I book a ticket for someone called Sam who travels with me?")),
    ).toBe(false);
  });

  it("reads our letter opened by someone else with the customer's results in it as a breach, and the customer opening it as none", () => {
    expect(
      dataProtection(
        read(
          "Letter",
          "My ex-husband rang to say he'd opened a letter from you with my biopsy results in it.",
        ),
      ),
    ).toBe(true);
    expect(
      dataProtection(read("Letter", "I opened a letter from you with my results in it, thank you.")),
    ).toBe(false);
  });

  it("reads a date of birth wrong on the record or a copy of someone's records asked for as data protection, and a wrong date or an invoice as none", () => {
    expect(
      dataProtection(read("Record", "My date of birth on my patient record is wrong, can you correct it?")),
    ).toBe(true);
    expect(
      dataProtection(
        read("Records", "As her attorney I request a copy of her complete records from August."),
      ),
    ).toBe(true);
    expect(
      dataProtection(read("Letter", "The date on my appointment letter is wrong, can you check it?")),
    ).toBe(false);
    expect(
      dataProtection(read("Invoice", "As her attorney could you send a copy of her invoice from August?")),
    ).toBe(false);
  });

  it("reads a procedure we give, priced or booked with us, as the service, and an operation told to another firm as a condition", () => {
    expect(vulnerable(read("Quote", "Could you tell me what a self-pay hip replacement would cost?"))).toBe(
      false,
    );
    expectEach("vulnerability", false, [
      ["Op", "My gallbladder operation was cancelled because the surgeon was running late."],
    ]);
    expectEach("vulnerability", true, [
      ["Delivery", "I'm having an operation next week, can the driver bring it upstairs?"],
    ]);
    expect(vulnerable(read("Op", "I'm deaf; please text me about my operation with your surgeon."))).toBe(
      true,
    );
  });

  it("reads a death told by a firm for the estate as the estate's business, and told by the widow as a bereavement", () => {
    expectEach("vulnerability", false, [
      [
        "The late Mr Albright",
        "We act for the executors of the late Mr Albright, who died on 9 October. Please confirm any balance.",
      ],
    ]);
    expectEach("vulnerability", true, [
      [
        "My husband",
        "My husband, who died on 9 October, had an account with you. Please confirm any balance.",
      ],
    ]);
  });

  it("reads a representative's claim against someone else as no legal threat to us, and one against us as a threat", () => {
    expect(
      legal(
        read(
          "Our client: Ms Malik",
          "We act for Ms Malik in a personal injury claim, in which the other driver's insurer has admitted liability. Please provide copies of her medical records.",
        ),
      ),
    ).toBe(false);
    expect(
      legal(
        read(
          "Our client: Ms Malik",
          "We act for Ms Malik in a personal injury claim arising from a fall at your store. Please provide copies of her medical records.",
        ),
      ),
    ).toBe(true);
  });

  it("reads a sector's regulator denied as a lower weight, never none, and put to or dragged in as a step", () => {
    const denied = read(
      "Delay",
      "I don't want to drag the CAA into this, but I want a proper answer about the delay.",
    );
    expect(legal(denied)).toBe(true);
    expect(denied.evidence.map((e) => e.rule)).toContain("lower-weight:signal:legal-threat");
    expect(
      legal(
        read(
          "Hotel",
          "Your offer is not acceptable and I'll be putting this to ABTA's dispute resolution service.",
        ),
      ),
    ).toBe(true);
    expect(
      legal(
        read("Hotel", "Your offer is not acceptable and I'll be putting this in writing to your manager."),
      ),
    ).toBe(false);
  });

  it("reads our letter that had the customer's results in it, or another patient's list sent, as a breach, and our letter that had the time in it as none", () => {
    expect(
      dataProtection(
        read(
          "Results",
          "My neighbour opened one of your letters by mistake and it had my test results in it.",
        ),
      ),
    ).toBe(true);
    expect(
      dataProtection(
        read("Letter", "The letter you posted me has another patient's medication list on the second page."),
      ),
    ).toBe(true);
    expect(
      dataProtection(read("Letter", "I opened your letter and it had my appointment time in it, thanks.")),
    ).toBe(false);
  });

  it("reads a procedure moved or cancelled by those who give it as the service, and one that moves a delivery as a condition", () => {
    expectEach("vulnerability", false, [
      ["Knee", "My knee operation has been moved three times now. This is not good enough."],
    ]);
    expectEach("vulnerability", true, [
      ["Delivery", "I'm having an operation on Monday, so please move my delivery to next week."],
    ]);
  });

  it("keeps a vulnerability told in thanks when the customer still dreads the treatment, and not when the fear is past", () => {
    expectEach("vulnerability", true, [
      [
        "Thank you",
        "Since my wife passed I have been dreading the dentist on my own. Dr Aziz put me at ease on Thursday. Thank you.",
      ],
    ]);
    expectEach("vulnerability", false, [
      [
        "Thank you",
        "My wife passed away last year. I was terrified of the dentist as a child, but Dr Aziz was wonderful. Thank you.",
      ],
    ]);
  });

  it("reads what we hold on file about the customer as data protection, and a document we hold on file as none", () => {
    expect(dataProtection(read("Data", "What do you have on file about me?"))).toBe(true);
    expect(dataProtection(note("His son holds power of attorney, which we have on file since March."))).toBe(
      false,
    );
  });
});

describe("signals read from their shape in a grocer's, a gym's, a carrier's, a council's and a building society's mail", () => {
  const legal = has("legal-threat");
  const abusive = has("abuse");
  const dataProtection = has("data-protection");

  it("keeps a condition told in thanks when it is the customer's own, and a relative's only when the customer asks that what was done carries on", () => {
    expectEach("vulnerability", true, [
      [
        "Thank you to Steve",
        "Just wanted to say a big thank you to Steve. I use a wheelchair, so he always brings the parcels to the side door with the ramp. Please make sure whoever covers for him when he's on holiday knows to do the same.",
      ],
    ]);
    expectEach("vulnerability", false, [
      [
        "Thank you to Steve",
        "Just wanted to say a big thank you to Steve. My mum uses a wheelchair, so he always brings her parcels to the side door with the ramp. He is a credit to you.",
      ],
    ]);
  });

  it("keeps a bereavement told in thanks while the customer still has their affairs to sort out", () => {
    expectEach("vulnerability", true, [
      [
        "Thank you",
        "Since my husband died I have dreaded the paperwork. I still have his pension and our joint account to sort out. Mark at the branch was patient and kind, thank you.",
      ],
    ]);
    expectEach("vulnerability", false, [
      [
        "Thank you",
        "Since my husband died I have dreaded the paperwork. Mark at the branch was patient and kind, thank you.",
      ],
    ]);
  });

  it("reads an illness told as over in the next sentence as over, and a new job as leaving a debt behind it", () => {
    expectEach("vulnerability", false, [
      [
        "Thank you",
        "In March I was stuck at home recovering from Covid. I'm fully recovered now, but I never said thank you to the driver who left my parcels by the door.",
      ],
    ]);
    expectEach("vulnerability", false, [
      [
        "Rebook",
        "I missed the delivery as I was in hospital with a kidney stone (all sorted now). Please rebook it.",
      ],
    ]);
    expectEach("vulnerability", true, [
      [
        "Arrears",
        "I lost my job in August and fell behind with the council tax. I've started a new job but I can't pay £720 in one go.",
      ],
    ]);
  });

  it("reads a numbered court as one to play on, and a court of law as a step", () => {
    expect(
      legal(
        read(
          "Court 3 double booked",
          "Third time this year my squash booking on court 3 was given to someone else. I'm fed up.",
        ),
      ),
    ).toBe(false);
    expect(legal(read("Booking", "If you won't refund me I'll see you in court."))).toBe(true);
  });

  it("reads a judicial review as a legal step", () => {
    expect(
      legal(
        read("Charging policy", "We are prepared to seek a judicial review of the policy if it goes ahead."),
      ),
    ).toBe(true);
  });

  it("reads an insult the writers turn on themselves as none, and one aimed at staff as abuse", () => {
    expect(
      abusive(
        read(
          "Keys!",
          "We were first time buyers and completely clueless and he never once made us feel stupid.",
        ),
      ),
    ).toBe(false);
    expect(abusive(read("Mortgage", "Your staff are completely clueless and rude."))).toBe(true);
  });

  it("reads a threat to damage a colleague's things or to make staff find out what happens as abuse", () => {
    expect(abusive(read("Your driver", "Tell him if he blocks my drive again I'll slash his tyres."))).toBe(
      true,
    );
    expect(
      abusive(
        read(
          "Card",
          "If this isn't sorted by Friday your staff will find out what happens. You have been warned.",
        ),
      ),
    ).toBe(true);
    expect(
      abusive(read("Tyres", "Someone slashed my tyres outside your store and the guard saw nothing.")),
    ).toBe(false);
    expect(abusive(read("Arrears", "I'd like to find out what happens if I miss a payment."))).toBe(false);
  });

  it("reads a record that has the customer's date of birth wrong, and their details asked to be deleted, as data protection", () => {
    expect(
      dataProtection(read("Records", "Your records have my date of birth wrong, please correct it.")),
    ).toBe(true);
    expect(
      dataProtection(read("Account closed", "Please delete the personal details you hold about me.")),
    ).toBe(true);
    expect(dataProtection(read("App", "Your app has my usual store wrong, it keeps picking Leeds."))).toBe(
      false,
    );
  });

  it("reads an account we hold on file for paying the customer as none", () => {
    expect(
      dataProtection(
        read(
          "Close account",
          "Please close my saver and pay the balance into the account you already hold on file for me.",
        ),
      ),
    ).toBe(false);
  });

  it("reads something done for a neighbour as acting for nobody, and a letter written for them as acting for them", () => {
    expectEach("vulnerability", false, [
      [
        "Kind driver",
        "Yesterday I saw your driver read out the label for my neighbour, who's blind, and check which parcel was her medicine.",
      ],
    ]);
    expectEach("vulnerability", true, [
      ["Parcels", "I'm writing for my neighbour, who's blind. Could your driver read out the labels?"],
    ]);
  });

  it("reads swearing told as a colleague's words to the customer as none, and the customer's own as abuse", () => {
    expect(
      abusive(
        read(
          "Your driver",
          "I asked him not to leave it on the wall and he told me to 'f*** off' and drove away.",
        ),
      ),
    ).toBe(false);
    expect(
      abusive(read("Your driver", "Tell your driver to f*** off and leave my parcels at the door.")),
    ).toBe(true);
  });

  it("reads a screen reader or little sight as a condition", () => {
    expectEach("vulnerability", true, [["Website", "I use JAWS and the confirm button has no label."]]);
    expect(vulnerable(read("Website", "I have very little sight and the confirm button has no label."))).toBe(
      true,
    );
    expect(vulnerable(read("Website", "I have very little time and the confirm button has no label."))).toBe(
      false,
    );
  });

  it("reads English written by someone still learning it as limited English, and one slip as none", () => {
    expectEach("vulnerability", true, [
      [
        "damage table",
        "hello you men break my table leg, i see it. it is from my wife mother, she is die last year. what i do now?",
      ],
    ]);
    expectEach("vulnerability", false, [
      ["Table", "Your men broke my table leg when they carried it in. What do I do now?"],
    ]);
    expectEach("vulnerability", false, [
      ["Table", "Your men broke my table leg; it is die-cast, so it snapped clean off."],
    ]);
  });

  it("reads another child's records, someone else's paperwork, a breach of data and an ex sent the customer's invoice as data protection", () => {
    expect(
      dataProtection(read("App", "In the parent app I could see another child's daily diary and photos.")),
    ).toBe(true);
    expect(
      dataProtection(read("Wrong paperwork", "You've emailed me someone else's inventory and contract.")),
    ).toBe(true);
    expect(dataProtection(read("Photos", "I consider this a breach of his data."))).toBe(true);
    expect(
      dataProtection(
        read("Invoice", "My ex-partner has just forwarded me my invoice with my new address on it."),
      ),
    ).toBe(true);
    expect(dataProtection(read("App", "Another child's coat was left on my son's peg."))).toBe(false);
  });

  it("reads a regulator of children's care taken up as a legal step", () => {
    expect(
      legal(
        read("Nappies", "I am not reporting this to Ofsted at this stage, but I will if nothing changes."),
      ),
    ).toBe(true);
  });

  it("reads a customer not coping, or left on one income, as vulnerable", () => {
    expectEach("vulnerability", true, [
      ["Fees", "I'm not coping very well since his dad died. Can I reduce his days?"],
    ]);
    expectEach("vulnerability", true, [["Fees", "I'm not sure I can keep up with the fees on one income."]]);
  });

  it("reads a colleague called a con man as abuse, and the writer feeling like one as none", () => {
    expect(abusive(read("Bill", "Your surveyor is either useless or a con man."))).toBe(true);
    expect(abusive(read("Discount", "I felt like a con man asking for the discount twice."))).toBe(false);
  });

  it("reads reading told as hard in a colleague's note as vulnerable, and reading the terms as none", () => {
    const note = (text: string) =>
      classify({ subject: "Call note", text, writtenBy: "colleague" }, rules, RULES_ONLY);
    expect(vulnerable(note("Mr Fowler said he isn't great with reading and asked us to ring instead."))).toBe(
      true,
    );
    expect(vulnerable(note("Mr Fowler said he has been reading the terms and asked us to ring."))).toBe(
      false,
    );
  });

  it("keeps a condition in thanks when a colleague notes it is the customer's own, and not their mother's", () => {
    const note = (text: string) =>
      classify({ subject: "In-store compliment", text, writtenBy: "colleague" }, rules, RULES_ONLY);
    expect(
      vulnerable(
        note(
          "Mr Hassan came back to thank Daniel. Mr Hassan has very limited English and Daniel drew diagrams to explain the plan. Mr Hassan would like Daniel to help him next time too.",
        ),
      ),
    ).toBe(true);
    expect(
      vulnerable(
        note(
          "Mr Hassan came back to thank Daniel for helping his mother with her plan. His mother has very limited English and Daniel drew diagrams to explain it.",
        ),
      ),
    ).toBe(false);
  });

  it("keeps a bereavement in thanks when the customer is still not sleeping or eating", () => {
    expectEach("vulnerability", true, [
      [
        "Thank you",
        "I wanted to thank Margaret for my wife's funeral. Since Jean passed I have not been sleeping or eating much. Her kindness meant the world.",
      ],
    ]);
  });

  it("reads records with a relative's name spelt wrong as data protection", () => {
    expect(
      dataProtection(
        read("Wrong details", "Your records have my late mother's name spelt 'Jeanette'. Please correct it."),
      ),
    ).toBe(true);
  });

  it("reads a thing that died, a hard time the customer is past and swearing only told of as none", () => {
    expect(vulnerable(read("Late", "I'll be late for drop off because my bloody car has died again."))).toBe(
      false,
    );
    expectEach("vulnerability", true, [["Late", "I'll be late for drop off because my dad has died."]]);
    expectEach("vulnerability", false, [
      [
        "Loving it",
        "I went through a horrible divorce a while back, but I'm in a good place now. The coat is gorgeous. Thanks!",
      ],
    ]);
    expect(
      abusive(
        read(
          "Thanks",
          "Your driver had me in stitches, effing and blinding at the satnav like the bloke off the telly.",
        ),
      ),
    ).toBe(false);
  });
});

describe("a thank-you that tells of the customer's own condition", () => {
  const note = colleagueNote("Compliment");

  it("keeps a condition, a capability, money trouble or caring that is still the customer's own", () => {
    for (const result of [
      read(
        "Thank you",
        "I'm dyslexic and forms are hard for me, so thank you to Sam who filled it in with me.",
      ),
      read(
        "Thank you",
        "Since my divorce money is really tight. Priya set up a plan I can afford. Thank you.",
      ),
      read(
        "Thank you",
        "I care for my husband who has dementia and your driver was so patient with him. Thank you.",
      ),
      read(
        "Thank you",
        "I have quite bad anxiety and the duty manager sat with me until I was calm. Thank you.",
      ),
      note("Mr Delaney rang to thank Dom. He's registered blind and Dom put a raised label on the switch."),
    ]) {
      expect(result.kind).toBe("compliment");
      expect(vulnerable(result)).toBe(true);
    }
  });

  it("sets aside someone else's condition, an episode now past and a bereavement told as the occasion", () => {
    for (const result of [
      read("Thank you", "My son is autistic and the quiet hour at your store was wonderful. Thank you."),
      read("Thank you", "The lad on the till was brilliant with my autistic son. Thank you."),
      read(
        "Thank you",
        "I'd only just come out of hospital and he carried my shopping to the car. Thank you.",
      ),
      read("Thank you", "When my husband died I dreaded the paperwork, and Dean was so kind. Thank you."),
      note("Mrs Carr thanked Priya, who checked every label for her daughter's coeliac disease."),
    ]) {
      expect(result.kind).toBe("compliment");
      expect(vulnerable(result)).toBe(false);
    }
  });
});

describe("signals told in words a ferry's, a vet's, a power network's and a cinema's customers use", () => {
  it("reads suing denied as a legal threat of lower weight, and Sue the colleague as none", () => {
    const denied = read(
      "Stitches",
      "I'm not looking to sue anyone, but I don't think we should pay £95 for fixing the original operation.",
    );
    expect(has("legal-threat")(denied)).toBe(true);
    expect(denied.evidence.map((e) => e.rule)).toContain("lower-weight:signal:legal-threat");
    expect(has("legal-threat")(read("Thanks", "Please pass my thanks to Sue for sorting the refund."))).toBe(
      false,
    );
  });

  it("reads the priority services register as vulnerability", () => {
    expectEach("vulnerability", true, [
      ["Register", "Please put me on your priority services register before the planned power cut."],
    ]);
  });

  it("reads a colleague called a knobhead, and a threat to set about the agent, as abuse", () => {
    expectEach("abuse", true, [["Manager", "Your manager last night is an absolute knobhead."]]);
    expectEach("abuse", true, [
      ["Agent", "If that agent of yours comes to my door again I'll set about him."],
    ]);
  });

  it("keeps a hard time in thanks while the customer is still struggling", () => {
    expectEach("vulnerability", true, [
      [
        "Thanks",
        "Please pass on my thanks to Sue. I've been struggling since my divorce and she was so kind.",
      ],
    ]);
  });
});

describe("data breaches and vulnerabilities told in a hotel's, a pharmacy's, a repair shop's and a telecare provider's mail", () => {
  const note = colleagueNote("Call");

  it("reads someone else's details sent to the customer, or theirs left or read out, as a data breach", () => {
    for (const text of [
      "I've just had an email titled 'Your repair is ready' but it's for a Mrs J. Whitaker and includes her full address.",
      "The invoice attached is someone else's - their name, home address and card digits.",
      "I got a text saying your prescription is ready. I'm not Sarah and I've never ordered from you.",
      "The assistant read my full address out loud across the shop.",
      "My neighbour handed me a job sheet he found on his doormat with my full name and date of birth.",
      "The TV in my room was still logged in to the previous guest's Netflix accounts.",
      "Photos of my kitchen are on your Facebook page. Nobody asked my permission.",
    ])
      expect(has("data-breach")(read("Privacy", text)), text).toBe(true);
    expectEach("data-breach", false, [
      ["Query", "I'm not sure and I've never ordered before, how does it work?"],
    ]);
  });

  it("reads limited English, reading and new confusion noted by a colleague, full-time caring and a gambling block as vulnerability", () => {
    for (const result of [
      note("Mrs Kaur came in with her grandson translating as her English is limited."),
      note("Mr Reid called. Struggles with reading so couldn't follow the leaflet."),
      note("Mrs Lomax called six times today. Seems more confused than usual."),
      note("Mr Kaye is caring full time for his wife and can't get to a store."),
      read("Card", "Can you put a gambling block on my card please."),
    ])
      expect(has("vulnerability")(result)).toBe(true);
  });
});

describe("limited English read from more shapes of it", () => {
  it("reads a missing 'to', a verb without its -s, a question in statement order and a missing article as limited English", () => {
    expectEach("vulnerability", true, [
      ["Thanks", "I want say thank you to driver on Monday. Very heavy bottles and he carry to my 3 floor."],
    ]);
    expectEach("vulnerability", true, [
      ["Collection", "Hello. I can collect my medicine myself? no delivery. Where is place?"],
    ]);
  });

  it("reads ordinary English with one of those shapes as none", () => {
    expectEach("vulnerability", false, [
      ["Collection", "Hello. I can collect it myself? That would be easier. Where is the shop?"],
    ]);
    expectEach("vulnerability", false, [["Fix", "Did he fix the boiler? I'd like to make it work again."]]);
  });
});

describe("a customer's own lasting condition told in everyday words", () => {
  it("reads a bad knee, being poorly, being behind, getting on top of spending and cancer in Welsh as vulnerability", () => {
    const messages: [string, string][] = [
      [
        "Thanks",
        "I'm an old duffer with a dodgy knee and the lad on the desk brought me a chair. Credit to you.",
      ],
      ["Thanks", "Your fitter was a gentleman. I've been poorly and he was so patient. Thank you."],
      ["Thanks", "She sorted my payment plan and didn't make me feel bad for being behind. Thank you."],
      ["Thanks", "Thanks for lowering my limit. I've been trying to get on top of my spending."],
      ["Diolch", "Diolch o galon. Ar ôl i mi gael diagnosis o ganser, fe wnaethoch chi drefnu popeth."],
    ];
    for (const [subject, text] of messages) expect(vulnerable(read(subject, text)), text).toBe(true);
  });

  it("keeps a widow's thanks with an ask while she is still finding her feet, and not someone named in thanks", () => {
    expectEach("vulnerability", true, [
      [
        "Thank you",
        "I lost my husband in the spring and was nervous travelling alone. Callum was so kind. Could I have a room near the lift again, as I am still finding my feet?",
      ],
    ]);
    expectEach("vulnerability", false, [
      [
        "Thanks",
        "Please pass on my thanks to the plumber, who even popped next door to check on Mr Hirst who's housebound.",
      ],
    ]);
  });
});

describe("a blue badge and a first language other than English", () => {
  const note = colleagueNote("Call");

  it("reads a customer's blue badge, and a caller who speaks mainly Punjabi, as vulnerability", () => {
    expectEach("vulnerability", true, [
      ["Parking", "My blue badge slipped off the dash and your warden knocked to tell me."],
    ]);
    expect(vulnerable(note("Rang the family. Mrs Dhillon speaks mainly Punjabi; her son translated."))).toBe(
      true,
    );
    expect(vulnerable(note("Rang the family. Mrs Dhillon speaks mainly English at home."))).toBe(false);
  });
});

describe("whose condition it is: a pet's, or one of the customer's household", () => {
  it("reads a pet's operation or illness as none, named with its 's or as 'she' a sentence later", () => {
    for (const text of [
      "Sorry, can I move Thursday's visit? Our dog's just had an operation and needs to be kept quiet.",
      "We're bringing our old spaniel, who has arthritis in her hips. Which of your vans has the lowest floor?",
      "My cat's been poorly all week. Do you deliver pet food? She's on a special kidney diet and I'm running low.",
    ])
      expect(vulnerable(read("Booking", text)), text).toBe(false);
  });

  it("keeps a bereavement told with a relative's 's as the customer's own", () => {
    expectEach("vulnerability", true, [
      [
        "Refund",
        "I missed the sailing because I was at my brother's funeral and I'm still not really myself. Can I have the fare back?",
      ],
    ]);
  });

  it("reads the condition of one of the customer's household, named as Mum or as 'she' after 'my wife', as vulnerability", () => {
    for (const text of [
      "Your carer didn't turn up on Sunday. Mum has advanced dementia and cannot make herself a meal. I want to know why nobody rang.",
      "On Friday my wife pressed her pendant and nobody came for two hours. She has MS and couldn't get up. I want an explanation.",
    ])
      expect(vulnerable(read("Missed visit", text)), text).toBe(true);
    expectEach("vulnerability", false, [
      [
        "Noise",
        "The lady at number 4 has early dementia and leaves her dog barking all day. Could someone have a word?",
      ],
    ]);
  });
});

describe("signals told in a rental desk's, a care home's, a ferry's and an insurer's mail", () => {
  const note = colleagueNote("Call");

  it("reads little English, a wheelchair, a stoma, recovery from dependence, computers and being months behind as vulnerability", () => {
    for (const result of [
      note("Mr Popescu came in with his son, who translated as he has very little English."),
      read("Cabin", "Hello I read and write English slow. The shower in my cabin is broken."),
      read("Bus", "I use a power chair and the driver would not lower the ramp for me again."),
      read("Toilet", "I'm an ostomy bag wearer and your staff told me to use the normal gents."),
      read("Pharmacy", "I am in recovery from opioid dependence and asked you to flag my record."),
      read("Statement", "My statement has not come. I do not use computers, please post it."),
      note("Ms Ward is three months behind on her rent and very worried about the sale."),
      note("Mr Kaur doesn't use a computer or smartphone, and his daughter helps him read letters."),
    ])
      expect(has("vulnerability")(result)).toBe(true);
  });

  it("reads an insult for the one the customer spoke to, a scrote, a quoted threat and sorting 'you lot' out as abuse", () => {
    for (const result of [
      read("Claim", "The last moron I spoke to laughed at me. Get someone competent to call."),
      read("Desk", "The lad on your desk is a lying little scrote."),
      note("Customer shouted at Jo and said she'd 'better watch herself'."),
      note("Mr Dean said he knew where our office was and would come down and sort you lot out."),
      note("Customer called our receptionist Bea 'a f***ing joke' in front of everyone."),
    ])
      expect(has("abuse")(result)).toBe(true);
  });

  it("reads a regulator named by its initials and the customer's own legal team as a legal threat", () => {
    expectEach("legal-threat", true, [["Lessons", "Refund me or I'm reporting you to the DVSA."]]);
    expectEach("legal-threat", true, [
      ["Slots", "I've asked our legal team to look at the terms of our account with you."],
    ]);
  });

  it("reads a correction of a record, a scan to delete, details handed to a stranger and a photo posted without consent as data protection", () => {
    for (const text of [
      "My date of birth is shown as 1946 but it should be 1964. Please correct it.",
      "Could you correct these on her file? Resident ID R-1102.",
      "Please delete the scan of my passport you took at the desk.",
      "Someone in your call centre handed over my financial information to a man who rang up.",
      "Whoever got into my account could see my home address.",
      "My picture went up on your Facebook page, posted without my consent.",
    ])
      expect(has("data-protection")(read("Records", text)), text).toBe(true);
    expectEach("data-protection", false, [
      ["Receipt", "Could you send a VAT receipt? Company name on it should be Kettle Ltd."],
    ]);
  });
});

describe("signals told in a lettings agent's, a surgery's, a charity's and a coach firm's mail", () => {
  const note = (subject: string, text: string) =>
    classify({ subject, text, writtenBy: "colleague" }, rules, RULES_ONLY);

  it("reads sick pay, a power chair user, a panic disorder, a month behind and a death told as 'she died' as vulnerability", () => {
    for (const result of [
      read("Fit note", "I'm on statutory sick pay and the rent is due Friday. Please send the note today."),
      read("Taxi", "I'm a power chair user and your driver sent a saloon again."),
      read("Fundraiser", "Your fundraiser blocked my way. I have a panic disorder and it shook me up."),
      read("Payout", "My payout is on hold and I'm already a month behind with the rent."),
      read("Shop", "My husband ran a shop on your site. He died last month. How do I close it?"),
      note("Call", "Mrs Tully rang about the account. She is finding it hard to cope with the paperwork."),
    ])
      expect(has("vulnerability")(result)).toBe(true);
  });

  it("reads 'she' after 'my mother's front room', time off work with an injury and a state pension as vulnerability", () => {
    for (const result of [
      read("Sale", "Your salesman sat in my mother's front room for hours. She is 87 and gets confused."),
      note("Call", "Mr Okoro said he's been off work with a back injury since the train braked."),
      read("Plan", "You took £28 again. I am on my state pension and that put me short."),
    ])
      expect(has("vulnerability")(result)).toBe(true);
  });

  it("reads a guide dog as telling of its owner, not as the pet that 'she' means", () => {
    expect(
      has("vulnerability")(
        note("Guide dog refused", "Mrs Ansell rang. She is registered blind and the driver refused her."),
      ),
    ).toBe(true);
  });

  it("reads a photo to delete, a title put right, a record read out loud and a number taken from our system as data protection", () => {
    for (const text of [
      "Your inspector photographed my bedroom. I want the ones of my belongings deleted.",
      "For the third time: I am Dr A. Okafor, not Mrs A. Okafor.",
      "The receptionist read my results out loud in the waiting room.",
      "Your driver texted me at midnight. He could only have got my number from your booking system.",
      "My tickets were posted to my ex-husband's address again.",
    ])
      expect(has("data-protection")(read("Privacy", text)), text).toBe(true);
  });

  it("reads 'are you all this thick' as abuse", () => {
    expectEach("abuse", true, [["Survey", "He turned up late again. Are you all this thick?"]]);
  });
});

describe("signals told in a breakdown service's, a schools trust's, a lender's and a hospital's mail", () => {
  const note = colleagueNote("Visit");

  it("reads arrears of the customer's own, a confused caller and a caller's age after their name as vulnerability", () => {
    for (const result of [
      read("Renewal", "My payment keeps failing. I'm in arrears with a few things, can you hold the cover?"),
      note("Mrs Hobbs came in about her loan. She is very confused about when she took it out."),
      note("Mr Jack Lowe (84) came in to ask about closing his account."),
    ])
      expect(has("vulnerability")(result)).toBe(true);
  });

  it("reads addresses in the CC line, a breach named, a number on someone else's record, mail for someone named and a credit file as data protection", () => {
    for (const text of [
      "Your newsletter went out with every parent's email in the CC line.",
      "Our letters have your whole customer list on them. That's a breach.",
      "I keep getting texts about a boy called Ethan. I think my number is on his record.",
      "I've had a loan email I never applied for. Someone must have used my details.",
      "I'm getting emails meant for someone called Stephen Cole.",
      "Inside the envelope was a clinic letter about a completely different woman.",
      "There's a hard search on my credit file from you and I never applied.",
      "My Experian report shows a missed payment from you in August.",
      "My name is spelled 'Shivon' on my account. Please put it right.",
    ])
      expect(has("data-protection")(read("Letters", text)), text).toBe(true);
    expectEach("data-protection", false, [["Box", "The box was for a different customer."]]);
  });

  it("reads a smug, useless woman on our staff and a gobshite who answered as abuse, and the Equality Act invoked as a legal threat", () => {
    expectEach("abuse", true, [["A&E", "The triage nurse was a smug, useless woman."]]);
    expectEach("abuse", true, [["Machine", "The gobshite who answered just said to email."]]);
    expectEach("legal-threat", true, [
      ["Uniform", "I'm aware of the Equality Act and I'm considering my options."],
    ]);
  });
});

describe("look-alikes of a condition in a school's, a lender's and a hospital car park's mail", () => {
  it("reads an illness the customer is fully back on their feet from, a window blind, the hospital as a place, a hardship policy and debt collectors as none", () => {
    expectEach("vulnerability", false, [
      [
        "Driver",
        "I had a hip replacement last year but I'm fully back on my feet now. Please add me back on.",
      ],
      ["Classroom", "The blind in my son's classroom is broken and stuck down."],
      ["Permit", "My wife works nights at the hospital. Is there a drop-off permit?"],
      ["Leaflet", "I read that you have a hardship policy. Is there a leaflet I could pass on?"],
      ["Charge", "Your debt collectors have written to me three times about a charge I appealed."],
    ]);
  });

  it("reads a doctor's surgery as a place, and an illness told as all clear, long past or fine ever since, as none", () => {
    expectEach("vulnerability", false, [
      ["Letters", "Your surgery has sent my test results to my old flat, I moved in August."],
      ["Booking", "I postponed because of cancer treatment, but I've been all clear for two years now."],
      [
        "Review",
        "I had depression a few years ago, came off the tablets in 2021 and I have been fine ever since.",
      ],
    ]);
    expectEach("vulnerability", true, [
      ["Knee", "I had surgery on my knee last week and can't manage the stairs."],
    ]);
  });

  it("keeps an illness the customer will be back on their feet from only later", () => {
    expectEach("vulnerability", true, [
      [
        "Direct debit",
        "I'm having chemotherapy and can't manage the new amount. Could I pay less until I'm back on my feet?",
      ],
    ]);
  });
});

describe("a parent arranging a child's care, and thanks in limited English", () => {
  it("reads a condition told of a child whose care plan the writer arranges as the customer's", () => {
    expectEach("vulnerability", true, [
      [
        "Trip",
        "Aisha is going on the residential in June. She has type 1 diabetes. Could we meet the leader to go through her care plan?",
      ],
    ]);
  });

  it("keeps limited English in a short thank-you as the customer's own", () => {
    for (const text of [
      "Very good hotel and staff is very kind. Thank you. I come again next year.",
      "Thank you very much for help. Your worker explain everything slow for me.",
    ])
      expect(vulnerable(read("Thanks", text)), text).toBe(true);
  });
});

describe("conditions told in a pension's, a care agency's, a transport service's and a pet insurer's mail", () => {
  it("reads hearing on the phone, a bariatric vehicle, a short life expectancy, a broken limb and unsteadiness as the customer's", () => {
    expectEach("vulnerability", true, [
      ["Calls", "Please stop ringing me. I can't hear a thing on the telephone, so write to me instead."],
      ["Transport", "Booking 4471 for Friday. I need a bariatric vehicle, can you check it's been noted?"],
      [
        "Lump sum",
        "My specialist says my life expectancy is under a year. Please can this be dealt with quickly.",
      ],
      [
        "Holiday",
        "I fell on the ship's stairs and have a broken ankle. Can I get help getting off at Southampton?",
      ],
    ]);
    expect(
      vulnerable(
        colleagueNote("Pick-up")(
          "Collected Mr Dale today. He uses a walking frame and is very unsteady on his feet.",
        ),
      ),
    ).toBe(true);
  });

  it("reads limited English told by its grammar, a relative helping to write, and a person who lacks capacity", () => {
    expectEach("vulnerability", true, [
      ["Letter", "I get your letter. I not understand very well the English, what I must do?"],
      ["Bill", "My daughter help me write this because the bill is confusing. Account 55120."],
      [
        "Deputy",
        "I am the appointed deputy for my aunt, who lacks capacity since her stroke. Please send her statements to me.",
      ],
    ]);
  });

  it("reads an injury long since healed, a physio's discharge, remission and a clear result as over", () => {
    expectEach("vulnerability", false, [
      ["Lessons", "I broke my arm in the spring but it's long since healed. Can I book again?"],
      [
        "Rota",
        "I had a knee operation in March; the physio signed me off last week, so please book me back in.",
      ],
      [
        "Renewal",
        "I had cancer treatment last year but I'm now in remission. Could you send me the renewal forms?",
      ],
      ["Cover", "I had treatment for breast cancer and I'm now fully clear. Is the cover the same price?"],
    ]);
  });

  it("reads a care worker, a card the bank disabled, something that died and an email that never came as no condition", () => {
    expectEach("vulnerability", false, [
      ["Visit", "The carer this morning left the gate open. Could you remind the team to shut it?"],
      ["Services", "Do your carers do shopping as well as personal care?"],
      ["Payment", "My bank disabled my card after a fraud alert. Can I pay with the new one?"],
      ["Smell", "Something has died behind the fridge in our flat, could pest control come?"],
      ["Reset", "I've asked for a password reset three times and no email has come through."],
      ["Login", "The app says my account is locked and I don't get the email to unlock it."],
    ]);
    expect(vulnerable(read("Carer", "I'm a carer for my husband and can only take calls after six."))).toBe(
      true,
    );
  });

  it("reads a condition owned by a pet or person named with its 's as theirs, and the household's by name as the customer's", () => {
    expectEach("vulnerability", false, [
      ["Claim", "Your decision to decline my claim for Bramble's ear surgery is wrong. Please review it."],
      ["Book", "Could the library order more copies of Jo's memoir about depression for our group?"],
    ]);
    expectEach("vulnerability", true, [
      ["Care plan", "My husband Tom's dementia is getting worse and his care plan needs reviewing."],
    ]);
  });
});

describe("abuse with its letters starred and data breaches told as someone else's post", () => {
  it("reads starred profanity at staff, and at a coordinator named by role, as abuse", () => {
    expectEach("abuse", true, [
      ["Refund", "you lying b*stards. 6 weeks and still no refund. booking KT2291"],
      ["Call", "whoever answered at 2pm is a rude little sh*t. sort it out"],
      ["Rota", "Tell that f***ing coordinator to stop hanging up on me, she's a joke."],
    ]);
  });

  it("reads another customer's details arriving at the writer's address, personal data going to strangers and a check on who viewed an account as data protection", () => {
    expectEach("data-protection", true, [
      [
        "Post",
        "Letters keep arriving addressed to a Mr P Dunne at my address, and I can see his account details. I don't know him.",
      ],
      [
        "Statement",
        "The new owners of my old house opened my statement. That's my personal information going to strangers.",
      ],
    ]);
    expect(
      has("data-protection")(
        colleagueNote("Portal")(
          "Customer saw a sign-in he didn't make and asked us to check whether anyone viewed or changed his bank details.",
        ),
      ),
    ).toBe(true);
  });
});

describe("a household member given by name, a carer's thanks, and limited English told by its grammar alone", () => {
  it("reads a condition told of a household member named after them as the customer's", () => {
    expectEach("vulnerability", true, [
      [
        "Appointments",
        "I brought my dad, Mr Ray Okafor, in for his hearing test. He has dementia and gets anxious. Could calls come to me?",
      ],
    ]);
  });

  it("keeps a full-time carer's own situation in a thank-you", () => {
    expectEach("vulnerability", true, [
      [
        "Thank you",
        "I care full time for my husband and was dreading the review. Your assessor came to us and was so kind. Thank you.",
      ],
    ]);
  });

  it("reads limited English from a missing article and a noun with a bare verb", () => {
    expectEach("vulnerability", true, [
      [
        "Bill",
        "I move to new flat in May and I tell the office. But the bill come to my old address and the person give it to me. Can you check?",
      ],
    ]);
  });
});

describe("a debt in dispute, someone else's household, and a support worker acting for someone", () => {
  it("reads a debt disputed or settled as no hardship, and a debt the customer is in as one", () => {
    expectEach("vulnerability", false, [
      ["Letters", "Your collectors say I owe £90. I cancelled in May. I want the debt withdrawn."],
      ["Closed", "My debt with you was paid in full in 2022. Please erase my data."],
    ]);
    expectEach("vulnerability", true, [
      ["Payment", "I'm in a lot of debt since the baby and can't pay the full amount this month."],
      ["Bill", "My direct debit bounced because I'm between jobs. Can I pay on the 15th?"],
    ]);
    expect(
      vulnerable(
        colleagueNote("Call")("Caller very low, said he sees no way out of the debt. Recovery paused."),
      ),
    ).toBe(true);
  });

  it("reads a neighbour's husband and the lady at another house as someone else, and a household member named after them as the customer's", () => {
    expectEach("vulnerability", false, [
      [
        "Drop-off",
        "I drive my neighbour's husband (he has dementia) to the clinic, and your vans block the bay.",
      ],
      ["Parcel", "Your courier left my parcel at number 12 but the lady there is in hospital at the moment."],
    ]);
    expectEach("vulnerability", true, [
      [
        "Install",
        "My mum, Mrs Edna Price, is being discharged from hospital on Monday after a fall. Can the install be sooner?",
      ],
    ]);
  });

  it("reads a support worker's message as acting for the person they support", () => {
    expectEach("vulnerability", true, [
      [
        "Contact",
        "One of the people I support, Mr Jamie Baird, has a learning disability. Please add me as his contact.",
      ],
    ]);
  });
});

describe("a funeral plan, guests, a pet's care, and hardship told in a plan provider's and an appliance firm's mail", () => {
  it("reads a funeral plan or director as the product, guests' needs and a pet's care as no condition of the customer's", () => {
    expectEach("vulnerability", false, [
      ["Plan", "We've moved to Leeds, so please change the funeral director on my plan. Plan 4471-LF."],
      ["Trust", "How is the money for my funeral plan kept, and what happens if you go bust?"],
      ["Menu", "We have three coeliac guests at the wedding. Can the kitchen cater for them?"],
      ["Will", "Can I leave money in my will to look after my cat if I die first?"],
      ["Cover", "Does my critical illness cover include heart conditions? Policy CIC-22014."],
      ["Washer", "The washing machine has died mid cycle and the door won't open. Can someone come out?"],
    ]);
  });

  it("reads limited English said of oneself, trouble keeping track, and a controlling ex as vulnerability", () => {
    expectEach("vulnerability", true, [
      ["Washer", "My washer stop in the middle. I am not good english, please call my son, he speak for me."],
      ["Plan", "I left my husband in July. He was controlling and must not get my new address."],
    ]);
    expect(
      vulnerable(
        colleagueNote("Recall")(
          "Mrs Hale not aware of the recall. She asked us to ring her daughter as she finds it hard to keep track.",
        ),
      ),
    ).toBe(true);
  });
});

describe("legal steps, abuse and data protection told in a venue's, a travel agent's and an appliance firm's mail", () => {
  it("reads a noise complaint to environmental health as a legal threat, and a court as a workplace or a leaflet as none", () => {
    expectEach("legal-threat", true, [
      ["Noise", "Nothing has changed, so I will be submitting my noise diary to environmental health."],
    ]);
    expectEach("legal-threat", false, [
      ["Delivery", "I work at the county court in town, so ring my partner if I don't answer."],
      ["Warranty", "A Trading Standards leaflet came through the door, so I checked my registration."],
    ]);
  });

  it("reads a lout at the door as abuse, and deleted copies or post gone to an ex's address as data protection", () => {
    expectEach("abuse", true, [
      ["Crew", "Tell that smirking lout he should never be let near anyone's house."],
    ]);
    expectEach("data-protection", true, [
      ["Photos", "Please take the wedding photos off your Instagram and confirm you've deleted the copies."],
      [
        "Letters",
        "A letter went to my ex's house. I want to know what other information has gone to that address.",
      ],
    ]);
  });
});

describe("signals told in an insurer's, a housing team's, a soft play's and a newspaper's mail", () => {
  it("reads no printer or smartphone, sick pay, a divorce, and a refuge's contact through a support worker as vulnerability", () => {
    expectEach("vulnerability", true, [
      ["Tickets", "I don't have a printer or one of those smartphones, so please post my tickets."],
      ["Email", "Please remove the old email address, it was shared with my ex and we're now divorced."],
    ]);
    for (const text of [
      "Customer rang re arrears (3 months behind). He's on sick pay and £40 is all he can afford.",
      "Customer rang to thank the night team for a refuge place. She is still very shaken and would like contact through her support worker.",
    ])
      expect(vulnerable(colleagueNote("Call")(text)), text).toBe(true);
  });

  it("reads a threat of proceedings after an email chased, as the customer's step, and another driver's solicitors as none against us", () => {
    expect(
      has("legal-threat")(
        colleagueNote("Claim")(
          "Customer says we've ignored three emails, and said he has instructed a solicitor and will issue proceedings against us.",
        ),
      ),
    ).toBe(true);
    expectEach("legal-threat", false, [
      ["Letter", "I've had a letter from solicitors acting for the other driver. Do I send it to you?"],
    ]);
  });

  it("reads who else has seen a record, another family's confirmation, a wrong date of birth on an application and data linked to a profile as data protection", () => {
    expectEach("data-protection", true, [
      ["Assessment", "Your email had my assessment attached. I need to know who else has seen it."],
      ["Booking", "I got a confirmation for a different family with their address and phone number on it."],
      ["Register", "My date of birth on my housing application is wrong. Please correct it."],
      ["Review", "Please delete my reviewer profile and any personal data linked to it."],
    ]);
  });
});

describe("signals told in a heating firm's, a salon's, a bookshop's, a student finance company's and an airport's mail", () => {
  it("reads contractions written without their apostrophe as the contractions they are", () => {
    expectEach("vulnerability", true, [
      ["Suitcase", "My suitcase not come on belt. I dont speak english good, please write simple."],
    ]);
  });

  it("reads small English, a powered chair, home dialysis, an allergy of the writer's own, benefits short for food and finding things hard still as vulnerability", () => {
    expectEach("vulnerability", true, [
      [
        "School place",
        "I apply school for my son 4 weeks. Nobody answer. My English is small, I use translate.",
      ],
      ["Access", "Does your branch have step-free access? I use a powered chair."],
      ["Hot water", "The hot water has gone lukewarm. I do home haemodialysis and need it for hygiene."],
      ["Bagels", "Do your bagels contain sesame? I have a sesame allergy and can't find it on the website."],
      ["Rent", "My rent went up and I'm on PIP and ESA, so that left me short for food that week."],
      [
        "Thank you",
        "Thank you to the engineer. My husband died in September. I still find these things hard on my own.",
      ],
    ]);
    expect(
      vulnerable(
        colleagueNote("Lift")(
          "Customer rang about the goods lift. English is limited and his son translated.",
        ),
      ),
    ).toBe(true);
  });

  it("reads money short because of our own double charge, and illness told as years behind or over, as no vulnerability", () => {
    expectEach("vulnerability", false, [
      [
        "Charged twice",
        "You charged my card twice for the renewal, it's left me short this month. Refund it now.",
      ],
      [
        "Bills",
        "Years ago when I had depression I used to dread your bills, so credit where it's due: the new layout is clear.",
      ],
      [
        "Café",
        "Ten years ago, during my chemo, I'd sit in your café after treatment. Jan and Pete are treasures.",
      ],
      [
        "Bus pass",
        "I had a hip replacement last year but I'm back on my feet and driving again. Can I collect the pass?",
      ],
      [
        "Assistance",
        "I booked assistance while recovering from a hip operation. I'm fully mobile again now, please cancel it.",
      ],
    ]);
    expectEach("vulnerability", true, [
      [
        "Direct debit",
        "I'm having chemotherapy and not working. Could I pay less for a few months until I'm back on my feet?",
      ],
    ]);
  });

  it("reads starred profanity for people in a colleague's note as abuse of the colleague", () => {
    for (const text of [
      "Client arrived late. She shouted that I was a 'stupid little b***h' and threw the price list at me.",
      'Customer was asked not to vape inside. He told Kasia she was a "stupid foreign b***h".',
    ])
      expect(has("abuse")(colleagueNote("Incident")(text)), text).toBe(true);
  });

  it("reads reporting us to Gas Safe, the British Council or an accrediting body as a legal threat", () => {
    expectEach("legal-threat", true, [
      [
        "Boiler",
        "Your engineer capped the boiler without a call. If I don't hear today I will be reporting your engineer to Gas Safe.",
      ],
      [
        "Class sizes",
        "If this isn't put right I will be reporting the school to the British Council as your accrediting body.",
      ],
      ["Course", "The course was nothing like advertised, and I'll be writing to your accreditation body."],
    ]);
  });

  it("reads a breach the customer only fears, a full card number shown, a screenshot of their details and other people's records as data protection", () => {
    expectEach("data-protection", true, [
      [
        "Account",
        "There's an order I didn't place on my account. I'm not sure if someone has got into my account.",
      ],
      [
        "Order 4418802",
        "Your order confirmation email shows my FULL card number, not just the last four digits.",
      ],
      [
        "Salon",
        "Someone posted a photo of the appointment screen with my full name and phone number in a staff group.",
      ],
      [
        "Portal",
        "The results page is showing a table with other students' names and their test scores as well as mine.",
      ],
      [
        "Letter",
        "The second page of your letter is about a different student: her name, her address and her balance.",
      ],
    ]);
  });
});

describe("signals told in a charging network's, a bookmaker's, a heat network's, a register office's, a managing agent's, a credit union's and a tutoring agency's mail", () => {
  it("reads insults and threats for the people who served the customer as abuse", () => {
    expectEach("abuse", true, [
      ["Banned", "Your moderators are sad losers. Get a life and give me my account back."],
      ["Grass", "What am I paying for? Your lazy sods in the grounds team can't be bothered."],
      ["Reception", "Tell that rude little madam on your front desk she needs a lesson in manners."],
      ["Yard", "If your foreman talks to me like that again he'll end up in the water."],
    ]);
    expect(
      has("abuse")(
        colleagueNote("Call")("Customer got heated about the refund check and called me pathetic twice."),
      ),
    ).toBe(true);
  });

  it("reads gambling harm, antidepressants, agoraphobia and benefits told in passing as vulnerability", () => {
    expectEach("vulnerability", true, [
      ["Close it", "close my account please, i cant control my betting any more and i'm scared."],
      ["Account", "I signed up to GAMSTOP last year but you let me open a second account."],
      [
        "Engineer",
        "Third no-show. I'm on antidepressants and sitting in a cold flat is not helping. Fix it.",
      ],
      [
        "Collection",
        "I have agoraphobia so please keep collecting from the doorstep, it's the only way I manage.",
      ],
      ["Letter", "I owe £400 and I'm on ESA with two kids. Can we agree a plan before you cut us off?"],
      [
        "Deposit",
        "I'm on Universal Credit and that deposit was my rent. I'd been starting a new job that then fell through.",
      ],
    ]);
  });

  it("reads a person's condition after a pet's name, and the one a relative translates for, as the customer's", () => {
    expect(
      vulnerable(
        colleagueNote("Account")(
          "Mrs Orme called because her account lists a second dog; she only has Bella. Price is right for one dog. She's quite hard of hearing and asked us to email.",
        ),
      ),
    ).toBe(true);
    expect(
      vulnerable(
        colleagueNote("Visit")(
          "Mr Haidari came in with his nephew translating, very limited English. His photos were rejected.",
        ),
      ),
    ).toBe(true);
  });

  it("reads paying for something blind as no vulnerability", () => {
    expectEach("vulnerability", false, [
      [
        "Service charge",
        "I will not pay an increase of this size blind. Send me the invoices within 14 days.",
      ],
    ]);
  });

  it("reads an adjudication or mediation service, a solicitor told of as dealing, and a threat of a claim as a legal threat", () => {
    expectEach("legal-threat", true, [
      ["Bet settled wrong", "I don't want to take this to IBAS over £30, but I will if I have to."],
      [
        "Repair",
        "Find my glasses or replace them this week, otherwise I'll take it to the Optical Consumer Complaints Service.",
      ],
      ["Vet", "If I don't get a proper reply I'll be taking it to the Veterinary Client Mediation Service."],
      [
        "Hull damage",
        "Your hoist cracked the hull. I have also passed the matter to my solicitor. Please confirm the marina accepts liability.",
      ],
      [
        "Access",
        "Give me a refund for the months I couldn't get in. I'd expect Trading Standards would be interested too.",
      ],
      [
        "Bracelet",
        "The clasp broke after eight days. A friend of mine is a solicitor and says the Consumer Rights Act applies. I'd like a refund.",
      ],
    ]);
    expect(
      has("legal-threat")(
        colleagueNote("Call")("Client wants a refund. Mentioned she might look into a claim."),
      ),
    ).toBe(true);
  });

  it("reads another customer's details sent or shown to the customer, our disclosing theirs, photos kept without consent and every record asked for as data protection", () => {
    expectEach("data-protection", true, [
      ["Chats", "When I open my inbox there are conversations in there that aren't mine, between strangers."],
      [
        "Job sheet",
        "Your engineer left a job sheet with my name and arrears on the post boxes. Anyone in the block could have read it.",
      ],
      ["Instagram", "You posted my children's photo. That's my personal data, used without my consent."],
      [
        "Envelope",
        "My certificates came with someone else's. I thought you'd want to know: their details have gone to the wrong person.",
      ],
      [
        "Folder",
        "The tutor left a folder here with reports on other children, with their full names, home addresses and schools.",
      ],
      ["Employer", "Someone at your office told my HR manager I was in arrears. Who disclosed this?"],
      ["Counter", "The cashier said really loudly that I'm behind on my loan, with a queue right behind me."],
      [
        "Gala photos",
        "There's a photo of my daughter on your Facebook page. Please could you take that one down?",
      ],
      ["Records", "I want copies of every record, note and call log you hold on me."],
    ]);
  });

  it("reads a refund only if one is due as no redress, so a solicitor's errand stays an errand", () => {
    expectEach("legal-threat", false, [
      [
        "Estate of the late Mr Penney",
        "We act for the executors. Please close his account, confirm any balance and send any refund to our client account.",
      ],
    ]);
  });
});

describe("signals told in an airline assistance desk's, a bureau de change's, a golf club's and a skip hire firm's mail", () => {
  it("reads a scan or copy asked deleted, and an executor asking for the late customer's details deleted, as data protection", () => {
    expectEach("data-protection", true, [
      ["ID checks", "Your staff scanned my passport. Delete the scan and everything else you took from me."],
      ["Passport", "I don't want you keeping a copy of my passport on file."],
      [
        "Late husband",
        "Please close his account, send me the balance and delete his details from your records.",
      ],
    ]);
  });

  it("reads another customer's receipt, job sheet or quote reaching the wrong person as data protection", () => {
    expectEach("data-protection", true, [
      [
        "Receipt",
        "I received an email receipt addressed to a 'Mr Harvey Dunn', with his full home address and order number.",
      ],
      ["My quote", "You emailed my quote to my neighbour. Who else has my details?"],
    ]);
    expect(
      has("data-protection")(
        colleagueNote("Job sheet")(
          "A neighbour brought in a job sheet left on her wall. It shows that customer's name and mobile number.",
        ),
      ),
    ).toBe(true);
  });

  it("reads 'are you actually this thick' as abuse, and a solicitor son who will write formally as a legal threat", () => {
    expectEach("abuse", true, [["Support", "Three chats and nothing. Are you actually this thick?"]]);
    expectEach("legal-threat", true, [
      [
        "Letters after my husband's death",
        "My son, who is a solicitor, says you cannot pursue the estate, and he will write formally if this carries on.",
      ],
    ]);
  });

  it("reads being unable to stand unaided, and a wheelchair or stroke told in Welsh, as vulnerability", () => {
    expect(
      vulnerable(colleagueNote("Gate")("Passenger was unable to stand unaided and needed the aisle chair.")),
    ).toBe(true);
    expectEach("vulnerability", true, [
      [
        "Archebu sgip",
        "Hoffwn archebu sgip. Rwy'n defnyddio cadair olwyn, felly a fyddai modd ei rhoi wrth y drws?",
      ],
      ["Cwyn", "Dw i ddim yn gallu cerdded yn bell ers i mi gael strôc y llynedd."],
    ]);
  });
});

describe("look-alikes of a condition: a pregnancy asked about, an injury mended, a pet's breed, another passenger's chair", () => {
  it("reads a pregnancy that is the subject of a question as no vulnerability, and one told with a fault as one", () => {
    expectEach("vulnerability", false, [
      ["Flights", "I'll be 34 weeks pregnant when we fly home. Do I need a letter from the midwife?"],
      ["Classes", "I'm 20 weeks pregnant. Which of your classes are suitable?"],
    ]);
    expectEach("vulnerability", true, [
      ["Boiler", "No heating for three days and I'm 34 weeks pregnant. Please send someone today."],
    ]);
  });

  it("reads an injury told as mended, a pet's illness named by its breed and another passenger's wheelchair as no vulnerability", () => {
    expectEach("vulnerability", false, [
      [
        "Booking 2NHY6T",
        "Good news, my leg's out of plaster and I'm walking fine again, so please cancel the wheelchair.",
      ],
      [
        "Side gate",
        "I had a hip replacement in the spring but I'm fully mended now. The scaffold pole blocks the gate.",
      ],
      [
        "Cabin",
        "My dachshund Bertie has bad arthritis in his back legs. Can he travel in the cabin with me?",
      ],
      [
        "Missed connection",
        "We were held on stand for forty minutes because the wheelchair for a passenger at the back hadn't turned up.",
      ],
    ]);
  });
});
