import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { extractDetails, extractFromForwarded } from "../../shared/domain/extraction";
import { amountClaimed, findAmounts } from "../../shared/domain/extraction/amounts";
import { splitMessage } from "../../shared/domain/extraction/message-parts";
import { nameFromDisplayName, nameFromText } from "../../shared/domain/extraction/name";
import { findTransactionReferences } from "../../shared/domain/extraction/transaction-references";
import { isInternalAddress } from "../../shared/domain/mail";

const { signOffs } = defaultPolicy.extraction;

describe("splitMessage", () => {
  it("separates the customer's words, the signature under their sign-off and a quoted reply", () => {
    // Prepare
    const text = [
      "Hello,",
      "My refund has still not arrived.",
      "",
      "Kind regards,",
      "Priya Patel",
      "07700 900321",
      "",
      "On Mon, 3 Nov 2025 at 10:02, Example Ltd <complaints@example.com> wrote:",
      "> We have issued your refund.",
    ].join("\n");

    // Act
    const parts = splitMessage(text, signOffs);

    // Assess
    expect(parts).toEqual({
      own: "Hello,\nMy refund has still not arrived.",
      signature: "Kind regards,\nPriya Patel\n07700 900321",
      signOffName: "Priya Patel",
      quoted:
        "On Mon, 3 Nov 2025 at 10:02, Example Ltd <complaints@example.com> wrote:\nWe have issued your refund.",
      quotedFrom: "On Mon, 3 Nov 2025 at 10:02, Example Ltd <complaints@example.com> wrote:",
    });
  });

  it.each([
    [
      "an attribution wrapped over two lines",
      "On Mon, 3 Nov 2025 at 10:02, Example Ltd <\ncomplaints@example.com> wrote:",
    ],
    [
      "an Outlook header block",
      "From: Example Ltd <complaints@example.com>\nSent: 03 November 2025 10:02\nTo: Jo",
    ],
    ["an original-message line", "-----Original Message-----"],
    ["a French attribution", "Le lun. 3 nov. 2025 à 10:02, Example Ltd <complaints@example.com> a écrit :"],
  ])("finds where the quoted part starts at %s", (_, attribution) => {
    const parts = splitMessage(`Still nothing.\n\n${attribution}\nOur earlier letter.`, signOffs);
    expect(parts.own).toBe("Still nothing.");
    expect(parts.quoted).toContain("Our earlier letter.");
  });

  it.each([
    ["a sign-off and a name on the same line", "Please help.\n\nThanks, Jane", "Jane"],
    ["a signature delimiter", "Please help.\n-- \nAlex Jones\nAcme Widgets", "Alex Jones"],
    [
      "a bare block of short lines under a name",
      "Please help.\n\nSam O'Neill\n4 Park Road\nYork YO1 7HH",
      "Sam O'Neill",
    ],
    ["a title before the name", "Please help.\n\nYours sincerely,\nMrs Ann Lee", "Ann Lee"],
  ])("finds the signature and name from %s", (_, text, name) => {
    const parts = splitMessage(text, signOffs);
    expect(parts.own).toBe("Please help.");
    expect(parts.signOffName).toBe(name);
  });

  it("does not take thanks in the middle of the message for a sign-off", () => {
    const text = "Thank you.\nI look forward to hearing from you about the refund.";
    expect(splitMessage(text, signOffs)).toMatchObject({ own: text, signature: "" });
  });
});

describe("nameFromDisplayName", () => {
  it.each([
    ["Jane Smith", "Jane Smith"],
    ["Smith, Jane", "Jane Smith"],
    ["JANE SMITH", "Jane Smith"],
    ['"Dr Rhys ap Gwilym"', "Rhys ap Gwilym"],
    ["Customer Services", undefined],
    ["jane.smith@example.org", undefined],
    ["jsmith77", undefined],
    ["", undefined],
  ])("reads %j as %j", (display, name) => {
    expect(nameFromDisplayName(display)).toBe(name);
  });
});

describe("nameFromText", () => {
  it.each([
    ["My name is Jane Smith and I ordered a kettle.", "Jane Smith"],
    ["Name: Tom Baker\nOrder: 55812", "Tom Baker"],
    ["my name is on the order", undefined],
  ])("reads the name given in %j", (text, name) => {
    expect(nameFromText(text)).toBe(name);
  });
});

describe("findTransactionReferences", () => {
  const rules = defaultPolicy.extraction;

  it.each([
    ["Where is order #100234?", "order", "100234"],
    ["My order is ORD-2024-55812.", "order", "ORD-2024-55812"],
    ["order number 55812", "order", "55812"],
    ["Order no. 55812 arrived broken", "order", "55812"],
    ["my order ref is AB-99812", "order", "AB-99812"],
    ["Invoice INV-2291 is wrong", "invoice", "INV-2291"],
    ["invoice number: 88123", "invoice", "88123"],
    ["account number 44556677", "account", "44556677"],
    ["Tracking number JD0002251234567890", "tracking", "JD0002251234567890"],
    ["parcel AB123456789GB is lost", "tracking", "AB123456789GB"],
    ["numéro de commande 55812", "order", "55812"],
    ["rhif archeb 55812", "order", "55812"],
    ["Customer no. 1188307.", "account", "1188307"],
    ["Inbound call 14:12, acct 40871190.", "account", "40871190"],
    ["My customer reference is CR-8841203.", "account", "CR-8841203"],
    ["the interest on my store card (account 6650-2218) in November", "account", "6650-2218"],
    ["Account 8820 1147 63\n\nThank you", "account", "8820 1147 63"],
    ["Rhif cyfrif treth gyngor 6150092. Diolch.", "account", "6150092"],
    ["Booking ref HOL55018. B. Stott", "booking", "HOL55018"],
    ["a bathroom fitting (job ref BF-22810).", "job", "BF-22810"],
    ["JOB NUMBER RP-561930. SEND SOMEONE", "job", "RP-561930"],
    ["my fourth email about warranty claim WC-7781 for the dishwasher", "claim", "WC-7781"],
    ["our home insurance is in his name (policy HI-5570213)", "policy", "HI-5570213"],
    ["my finance agreement, agreement number FA-772190.", "agreement", "FA-772190"],
    ["Tenancy ref T-44218, 6 Greaves Court", "tenancy", "T-44218"],
    ["METER NO 9F44120076", "meter", "9F44120076"],
    ["Meter serial K17E00922.", "meter", "K17E00922"],
    ["Return ref 55102973 Joy", "return", "55102973"],
    ["receipt number 0418-2290-113. It is not damaged", "receipt", "0418-2290-113"],
    ["I pawned my ring in August (ticket 58002) and the loan's due", "receipt", "58002"],
    ["Her pledge (ticket 60544) falls due on the 14th", "receipt", "60544"],
    ["Rwy'n aelod newydd (rhif aelod 42290). Diolch", "account", "42290"],
    ["I raised complaint CMP-20931 on 2 October", "complaint", "CMP-20931"],
    ["Her reference is 220918.", "reference", "220918"],
    ["the pothole outside 42 Carr Lane, ref HW/2026/11842. Still there.", "reference", "HW/2026/11842"],
    ["a summons (reference 2026/CT/44180) to appear", "reference", "2026/CT/44180"],
    ["Re CMP-20417 - thanks for your letter", "reference", "CMP-20417"],
    ["Still nothing on LMP-60211 and it's been a week", "reference", "LMP-60211"],
    ["Kind regards, Siân Kerr SB6023374", "reference", "SB6023374"],
    ["Paul McAllister 40031552907", "reference", "40031552907"],
    ["Card ending 7731. Can someone help?", "card-ending", "7731"],
    ["on my credit card (ending 6650). My income", "card-ending", "6650"],
    ["can I move booking KX7P2QRB from Friday", "booking", "KX7P2QRB"],
    ["the guard saw my booking ref (G7KD2MPT) and", "booking", "G7KD2MPT"],
    ["He gave his name. PF no. 004-77812.", "penalty", "004-77812"],
    ["(smartcard number 633597 0042 1187) which runs", "account", "633597 0042 1187"],
    ["> Your case number is 20261019-7731.", "complaint", "20261019-7731"],
    ["Loyalty card 6339 0044 1827 5510. Address", "account", "6339 0044 1827 5510"],
    ["Mortgage account MV 2209 4471. Kind regards", "account", "MV 2209 4471"],
    ["my parcel PW 1202 7734 58 is still in transit", "reference", "PW 1202 7734 58"],
    ["It went to the wrong address, RM 7730 2291 GB.", "reference", "RM 7730 2291 GB"],
  ])("finds the reference in %j", (text, type, value) => {
    expect(findTransactionReferences(text, rules)).toMatchObject([{ type, value }]);
  });

  it.each([
    "I ordered 3 kettles",
    "My order from 12/03/2024",
    "account since 2019",
    "Your reference CS-7K3MQ09X",
    "I have had my account for 2 years",
    "My number is 07700 900391.",
    "The number on the order is 0113 496 0288.",
    "Ring me on 07700900391 or 01632 960441 after 5pm",
    "Booking for 14:30 on 12/11/2026, placed 2026-11-12",
    "order placed 14.11.2026",
    "my date of birth on the account is 1986",
    "I paid £1250.00, then £120000 for the extension, now 4500 pounds",
    "my iPhone 15 and the Model XR-20000 speaker",
    "I want to ask the fridge FF-2200 it can use in garage",
    "Flat 3, 18 Park Road, Luton LU1 3HH",
    "Customer Mr Dean Carver called about the bill",
    "I ordered 250 boxes and 12 rolls",
    "a booking for 2 adults in 2nd class on the 14th",
    "for the year ending 31 March, the week ending 14/11/2026",
    `order ${"a-".repeat(30)}1 and account ${"12 ".repeat(30)}`,
    "Older orders (104xxx) go through fine",
    "Booking 4ABC without digits enough, and my new WH1000XM4 headphones",
    "I paid with card number 4111 1111 1111 1111 and card no 5555555555554444",
    "Text 07700 900 608 or call 0113 496 0999 after six",
    "The booking is on 14 11 2026 at 10 30 for two",
    "Card 4111 1111 1111 1111 was declined",
  ])("finds no reference in %j", (text) => {
    expect(findTransactionReferences(text, rules)).toEqual([]);
  });

  it("reads every reference of a list after one keyword", () => {
    expect(
      findTransactionReferences("the same bookcase (orders 104700, 104851 and 105002)", rules).map((r) => [
        r.type,
        r.value,
      ]),
    ).toEqual([
      ["order", "104700"],
      ["order", "104851"],
      ["order", "105002"],
    ]);
  });

  it("ends a number written in groups before a quantity, a time or a phone number", () => {
    expect(findTransactionReferences("order 55812 14 days ago", rules)).toMatchObject([{ value: "55812" }]);
    expect(findTransactionReferences("Job 4490 10:30 tomorrow", rules)).toMatchObject([{ value: "4490" }]);
    expect(findTransactionReferences("Account 40528801, 07700 900804.", rules)).toMatchObject([
      { type: "account", value: "40528801" },
    ]);
  });

  it("reads a reference once even when a keyword and a pattern both find it", () => {
    expect(findTransactionReferences("order #100234 (#100234)", rules)).toHaveLength(1);
  });

  it("uses the patterns and keywords of the policy it is given", () => {
    // Prepare
    const custom = {
      minimumReferenceDigits: 3,
      transactionReferences: { booking: { keywords: ["booking"], patterns: ["\\b(BK\\d{3})\\b"] } },
    };

    // Act
    const found = findTransactionReferences("Booking 4471, and BK123 too", custom);

    // Assess
    expect(found.map((r) => [r.type, r.value])).toEqual([
      ["booking", "4471"],
      ["booking", "BK123"],
    ]);
  });
});

describe("findAmounts", () => {
  it.each([
    ["£250", 250],
    ["£1,250.50", 1250.5],
    ["£ 40", 40],
    ["250 pounds", 250],
    ["250 quid", 250],
    ["GBP 99.9", 99.9],
    ["80 £", 80],
  ])("reads %j as %d", (text, value) => {
    expect(findAmounts(text).map((a) => a.value)).toEqual([value]);
  });
});

describe("amountClaimed", () => {
  const words = defaultPolicy.extraction.amountClaimWords;

  it.each([
    ["I paid £250 and want a refund of £50 for the late delivery.", 50],
    ["The sofa cost £899. I want my money back.", 899],
    ["I was charged £30 and £45, both wrong.", 45],
    ["The order came to £1,250.50 and I want it all back.", 1250.5],
    ["Nothing about money here.", undefined],
  ])("reads the sum claimed in %j", (text, value) => {
    expect(amountClaimed(text, words)).toBe(value);
  });
});

describe("isInternalAddress", () => {
  it.each([
    ["sam@example.com", true],
    ["sam@leeds.example.com", true],
    ["sam@EXAMPLE.COM", true],
    ["sam@notexample.com", false],
    ["sam@example.com.evil.org", false],
  ])("says whether %s is one of the organisation's own", (email, internal) => {
    expect(isInternalAddress(email, ["example.com"])).toBe(internal);
  });
});

describe("extractDetails", () => {
  it("records every detail with where it came from and how far it is trusted", () => {
    // Prepare
    const text = [
      "My order number 55812 arrived broken. I want a refund of £45.",
      "",
      "Thanks,",
      "Jo Bloggs",
      "07700 900654",
    ].join("\n");

    // Act
    const found = extractDetails(
      {
        subject: "Broken kettle, order #100234",
        text,
        from: { email: "jo@example.org", name: "Jo Bloggs", source: "header" },
      },
      defaultPolicy,
    );

    // Assess
    expect(found.details).toEqual([
      { field: "email", value: "jo@example.org", source: "header", confidence: "high" },
      { field: "name", value: "Jo Bloggs", source: "header", confidence: "high" },
      {
        field: "transaction-reference",
        value: "100234",
        source: "header",
        confidence: "high",
        kind: "order",
      },
      { field: "transaction-reference", value: "55812", source: "body", confidence: "high", kind: "order" },
      { field: "phone", value: "+447700900654", source: "signature", confidence: "high" },
      { field: "amount", value: "45.00", source: "body", confidence: "medium" },
    ]);
    expect(found.transactionReferences).toEqual([
      { type: "order", value: "100234" },
      { type: "order", value: "55812" },
    ]);
    expect(found.amountClaimed).toBe(45);
  });

  it("records another email address the customer gives, but not the organisation's", () => {
    const text = "Please reply to jo.work@example.net, not to help@example.com.";
    const found = extractDetails({ subject: "", text, from: undefined }, defaultPolicy);
    expect(found.details).toEqual([
      { field: "email", value: "jo.work@example.net", source: "body", confidence: "medium" },
    ]);
  });
});

describe("extractFromForwarded", () => {
  it("reads the original sender and the details of a forwarded block", () => {
    // Prepare
    const block = [
      "---------- Forwarded message ---------",
      "From: Jane Smith <jane.smith@example.org>",
      "Date: Mon, 3 Nov 2025 at 10:02",
      "Subject: Damaged parcel, order #100234",
      "To: <leeds.store@example.com>",
      "",
      "The parcel was crushed. Please call me on 07700 900123.",
      "",
      "Jane Smith",
      "12 High Street",
      "Leeds LS6 3AB",
    ].join("\n");

    // Act
    const forwarded = extractFromForwarded(block, defaultPolicy);

    // Assess
    expect(forwarded.from).toEqual({ email: "jane.smith@example.org", name: "Jane Smith" });
    expect(forwarded.subject).toBe("Damaged parcel, order #100234");
    expect(forwarded.details).toEqual([
      { field: "email", value: "jane.smith@example.org", source: "forwarded", confidence: "high" },
      { field: "name", value: "Jane Smith", source: "forwarded", confidence: "high" },
      {
        field: "transaction-reference",
        value: "100234",
        source: "forwarded",
        confidence: "high",
        kind: "order",
      },
      { field: "phone", value: "+447700900123", source: "forwarded", confidence: "high" },
      { field: "postcode", value: "LS6 3AB", source: "forwarded", confidence: "high" },
      { field: "address", value: "12 High Street, Leeds", source: "forwarded", confidence: "high" },
    ]);
  });

  it.each([
    ["an Outlook mailto form", "From: Smith, Jane [mailto:jane@example.org]", "jane@example.org"],
    ["a bare address", "From: jane@example.org", "jane@example.org"],
    ["a French header", "De : Marie Dupont <marie@example.fr>", "marie@example.fr"],
  ])("reads the sender from %s", (_, fromLine, email) => {
    const forwarded = extractFromForwarded(`${fromLine}\nSubject: Hello\n\nText.`, defaultPolicy);
    expect(forwarded.from?.email).toBe(email);
  });

  it("reads a block without header lines as text only", () => {
    const forwarded = extractFromForwarded("Order 55812 never came.", defaultPolicy);
    expect(forwarded.from).toBeUndefined();
    expect(forwarded.transactionReferences).toEqual([{ type: "order", value: "55812" }]);
  });
});
