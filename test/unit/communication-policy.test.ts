// The communication policy is validated at start-up: response-time statements must read as policy,
// outside help must be complete and point at known categories, and every unresolved case must have
// somewhere to be referred.
import { describe, expect, it } from "vitest";
import { defaultCommunicationPolicy } from "../../shared/config/communication-policy";
import communicationPolicyJson from "../../shared/config/communication-policy.json" with { type: "json" };
import { defaultPolicy } from "../../shared/config/policy";
import {
  CommunicationPolicyError,
  contactFor,
  parseCommunicationPolicy,
  responseTimeStatement,
  teamName,
} from "../../shared/domain/policy/communication-policy";

/** The example file, loosely typed so each test can break one thing in it. */
interface EditablePolicy {
  languages: Record<string, { responseTimeStatement: string | null }>;
  promiseCheck: { allowedPhrases: string[] };
  outsideHelp: Array<{ id: string; categories?: string[]; phone?: unknown; web?: unknown }>;
}
const example = () => structuredClone(communicationPolicyJson) as unknown as EditablePolicy;

describe("parseCommunicationPolicy", () => {
  it("accepts the documented example", () => {
    expect(parseCommunicationPolicy(example(), defaultPolicy).quietPeriod.workingDays).toBe(5);
  });

  it("refuses a response-time statement worded as a promise", () => {
    const policy = example();
    (policy.languages.en ?? { responseTimeStatement: null }).responseTimeStatement =
      "We will reply within 5 working days.";

    expect(() => parseCommunicationPolicy(policy, defaultPolicy)).toThrow(
      /responseTimeStatement.*within 5 working days/,
    );
  });

  it("accepts a response-time statement listed as an allowed policy statement", () => {
    const policy = example();
    (policy.languages.en ?? { responseTimeStatement: null }).responseTimeStatement =
      "We aim to reply within 5 working days.";
    policy.promiseCheck.allowedPhrases = ["We aim to reply within 5 working days."];

    const parsed = parseCommunicationPolicy(policy, defaultPolicy);

    expect(responseTimeStatement("en", defaultPolicy, parsed)).toBe("We aim to reply within 5 working days.");
  });

  it("refuses outside help for an unknown category or without a way to get in touch", () => {
    const unknownCategory = example();
    (unknownCategory.outsideHelp[1] ?? { id: "" }).categories = ["parking"];
    const unreachable = example();
    delete unreachable.outsideHelp[0]?.phone;
    delete unreachable.outsideHelp[0]?.web;

    expect(() => parseCommunicationPolicy(unknownCategory, defaultPolicy)).toThrow(
      /unknown category "parking"/,
    );
    expect(() => parseCommunicationPolicy(unreachable, defaultPolicy)).toThrow(CommunicationPolicyError);
  });

  it("refuses a directory that leaves some unresolved cases with nowhere to go", () => {
    const policy = example();
    policy.outsideHelp = policy.outsideHelp.filter((entry) => entry.id !== "citizens-advice");

    expect(() => parseCommunicationPolicy(policy, defaultPolicy)).toThrow(
      /offered on every unresolved outcome/,
    );
  });

  it("refuses unknown settings", () => {
    expect(() => parseCommunicationPolicy({ ...example(), quietPeriodDays: 3 }, defaultPolicy)).toThrow(
      CommunicationPolicyError,
    );
  });
});

describe("the policy in a customer's language", () => {
  it("names teams in Welsh where it can, and in the policy's English otherwise", () => {
    expect(teamName("supervisor", "cy", defaultPolicy, defaultCommunicationPolicy)).toBe(
      "goruchwylwyr ein gwasanaeth cwsmeriaid",
    );
    expect(teamName("supervisor", "en", defaultPolicy, defaultCommunicationPolicy)).toBe(
      defaultPolicy.organisation.teams.supervisor,
    );
  });

  it("gives outside help in the customer's language, with English where no translation exists", () => {
    const [citizensAdvice] = defaultCommunicationPolicy.outsideHelp;
    if (!citizensAdvice) throw new Error("the example directory is empty");

    expect(contactFor(citizensAdvice, "cy")).toMatchObject({ phone: "0808 223 1144" });
    expect(contactFor(citizensAdvice, "fr")).toMatchObject({ name: "Citizens Advice consumer service" });
  });
});
