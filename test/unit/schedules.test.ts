// The local sandbox's schedule runner reads EventBridge rules from the template and fires them on their
// rate or cron expression with the event EventBridge sends, whose `time` tests may set.
import { describe, expect, it } from "vitest";
import type { CloudFormationTemplate } from "../../infra/local/resource-plan";
import {
  cronMatches,
  planSchedules,
  rateMs,
  ScheduleRunner,
  scheduledEvent,
} from "../../infra/local/schedules";

const template: CloudFormationTemplate = {
  Resources: {
    FollowUpSchedule: {
      Type: "AWS::Events::Rule",
      Properties: {
        ScheduleExpression: "rate(1 hour)",
        State: "ENABLED",
        Targets: [{ Arn: { "Fn::GetAtt": ["TimersFunction", "Arn"] }, Id: "Target0" }],
      },
    },
    NightlySchedule: {
      Type: "AWS::Events::Rule",
      Properties: {
        ScheduleExpression: "cron(15 3 * * ? *)",
        Targets: [
          { Arn: { "Fn::GetAtt": ["PurgeFunction", "Arn"] }, Id: "Target0", Input: '{"dryRun":true}' },
        ],
      },
    },
    PatternRule: { Type: "AWS::Events::Rule", Properties: { EventPattern: { source: ["aws.s3"] } } },
  },
};
const options = { stackName: "Heed", region: "eu-west-2", accountId: "000000000000" };

describe("planSchedules", () => {
  it("finds every scheduled rule and the functions it targets", () => {
    expect(planSchedules(template, options)).toEqual([
      {
        logicalId: "FollowUpSchedule",
        arn: "arn:aws:events:eu-west-2:000000000000:rule/Heed-FollowUpSchedule",
        expression: "rate(1 hour)",
        enabled: true,
        targets: [{ functionLogicalId: "TimersFunction" }],
      },
      {
        logicalId: "NightlySchedule",
        arn: "arn:aws:events:eu-west-2:000000000000:rule/Heed-NightlySchedule",
        expression: "cron(15 3 * * ? *)",
        enabled: true,
        targets: [{ functionLogicalId: "PurgeFunction", input: { dryRun: true } }],
      },
    ]);
  });
});

describe("schedule expressions", () => {
  it("reads rates", () => {
    expect(rateMs("rate(1 hour)")).toBe(3_600_000);
    expect(rateMs("rate(15 minutes)")).toBe(900_000);
    expect(rateMs("cron(0 * * * ? *)")).toBeUndefined();
  });

  it("matches six-field cron expressions in UTC, with EventBridge's weekday numbers", () => {
    expect(cronMatches("cron(15 3 * * ? *)", new Date("2026-11-23T03:15:00Z"))).toBe(true);
    expect(cronMatches("cron(15 3 * * ? *)", new Date("2026-11-23T03:16:00Z"))).toBe(false);
    expect(cronMatches("cron(0/30 9-17 ? * MON-FRI *)", new Date("2026-11-23T09:30:00Z"))).toBe(true);
    expect(cronMatches("cron(0/30 9-17 ? * MON-FRI *)", new Date("2026-11-22T09:30:00Z"))).toBe(false);
    expect(cronMatches("cron(0 12 ? * 2 *)", new Date("2026-11-23T12:00:00Z"))).toBe(true);
    expect(cronMatches("cron(0 12 L * ? *)", new Date("2026-11-30T12:00:00Z"))).toBeUndefined();
  });
});

describe("ScheduleRunner", () => {
  it("fires a rule's targets with the scheduled event for the time asked, or the target's own input", async () => {
    const calls: Array<[string, unknown]> = [];
    const runner = new ScheduleRunner(planSchedules(template, options), {
      ...options,
      invoke: async (id, event) => {
        calls.push([id, event]);
        return { ok: true, requestId: "r", payload: null, durationMs: 1 };
      },
      log: () => {},
      onError: () => {},
    });

    await runner.run("FollowUpSchedule", new Date("2026-11-30T10:30:00.123Z"));
    await runner.run("NightlySchedule");

    expect(calls[0]).toEqual([
      "TimersFunction",
      expect.objectContaining({
        "detail-type": "Scheduled Event",
        source: "aws.events",
        time: "2026-11-30T10:30:00Z",
        resources: ["arn:aws:events:eu-west-2:000000000000:rule/Heed-FollowUpSchedule"],
      }),
    ]);
    expect(calls[1]).toEqual(["PurgeFunction", { dryRun: true }]);
    await expect(runner.run("NoSuchRule")).rejects.toThrow(/no scheduled rule NoSuchRule/);
  });

  it("gives the same event shape EventBridge documents", () => {
    const [schedule] = planSchedules(template, options);
    if (!schedule) throw new Error("no schedule");

    expect(
      Object.keys(scheduledEvent(schedule, new Date("2026-11-30T10:30:00Z"), "eu-west-2", "1")).sort(),
    ).toEqual(
      ["account", "detail", "detail-type", "id", "region", "resources", "source", "time", "version"].sort(),
    );
  });
});
