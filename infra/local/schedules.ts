// EventBridge schedules, run locally: every `AWS::Events::Rule` with a ScheduleExpression in the
// synthesized template invokes its Lambda targets with the scheduled event EventBridge sends, on its
// rate or cron expression (UTC). Tests call `run(rule, time)` to fire a rule at once with any `time`,
// which Heed's scheduled handlers take as "now": a fake clock through the real event.
import { randomUUID } from "node:crypto";
import type { InvocationOutcome } from "./lambda-runtime";
import { type CloudFormationTemplate, UnsupportedTemplateError } from "./resource-plan";

export interface LocalScheduleTarget {
  functionLogicalId: string;
  /** The target's constant `Input`, sent instead of the scheduled event when the rule sets one. */
  input?: unknown;
}

export interface LocalSchedule {
  logicalId: string;
  arn: string;
  /** `rate(1 hour)` or `cron(15 3 * * ? *)` */
  expression: string;
  enabled: boolean;
  targets: LocalScheduleTarget[];
}

export interface SchedulePlanOptions {
  stackName: string;
  region: string;
  accountId: string;
}

/** The id inside `{ "Fn::GetAtt": [id, "Arn"] }` or `{ Ref: id }`. */
function targetFunction(arn: unknown, where: string): string {
  if (typeof arn === "object" && arn !== null) {
    const getAtt = (arn as { "Fn::GetAtt"?: unknown })["Fn::GetAtt"];
    if (Array.isArray(getAtt) && typeof getAtt[0] === "string") return getAtt[0];
    const ref = (arn as { Ref?: unknown }).Ref;
    if (typeof ref === "string") return ref;
  }
  throw new UnsupportedTemplateError(
    `${where}: only targets that are functions of the stack are run locally`,
  );
}

export function planSchedules(
  template: CloudFormationTemplate,
  options: SchedulePlanOptions,
): LocalSchedule[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === "AWS::Events::Rule")
    .filter(([, resource]) => typeof resource.Properties?.ScheduleExpression === "string")
    .map(([logicalId, resource]) => {
      const properties = resource.Properties ?? {};
      const targets = ((properties.Targets ?? []) as Array<Record<string, unknown>>).map((target) => {
        if (target.InputTransformer !== undefined || target.InputPath !== undefined)
          throw new UnsupportedTemplateError(`${logicalId}: input transformers are not run locally`);
        return {
          functionLogicalId: targetFunction(target.Arn, logicalId),
          ...(typeof target.Input === "string" ? { input: JSON.parse(target.Input) } : {}),
        };
      });
      return {
        logicalId,
        arn: `arn:aws:events:${options.region}:${options.accountId}:rule/${options.stackName}-${logicalId}`,
        expression: String(properties.ScheduleExpression),
        enabled: (properties.State ?? "ENABLED") === "ENABLED",
        targets,
      };
    });
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** `rate(5 minutes)` → 300000; undefined when the expression is not a rate. */
export function rateMs(expression: string): number | undefined {
  const match = /^rate\((\d+)\s+(minute|hour|day)s?\)$/.exec(expression.trim());
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_MS[match[2] ?? ""] ?? Number.NaN);
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** The values one cron field allows, or undefined for syntax this runner does not handle (L, W, #). */
function fieldValues(field: string, min: number, max: number, names: string[] = [], nameBase = min) {
  const value = (token: string) => {
    const named = names.indexOf(token.toUpperCase());
    return named >= 0 ? named + nameBase : Number(token);
  };
  const allowed = new Set<number>();
  for (const part of field.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    let [from, to] = [min, max];
    if (range !== "*" && range !== "?") {
      const [start = "", end] = range.split("-");
      from = value(start);
      to = end === undefined ? (stepText === undefined ? from : max) : value(end);
    }
    if (![from, to, step].every(Number.isInteger) || step < 1) return undefined;
    for (let n = from; n <= to; n += step) allowed.add(n);
  }
  return allowed;
}

/** Whether a six-field EventBridge cron expression fires in the minute starting at `time` (UTC). */
export function cronMatches(expression: string, time: Date): boolean | undefined {
  const match = /^cron\((.+)\)$/.exec(expression.trim());
  const fields = match?.[1]?.trim().split(/\s+/);
  if (fields?.length !== 6) return undefined;
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const checks: Array<[Set<number> | undefined, number]> = [
    [fieldValues(minutes, 0, 59), time.getUTCMinutes()],
    [fieldValues(hours, 0, 23), time.getUTCHours()],
    [fieldValues(dayOfMonth, 1, 31), time.getUTCDate()],
    [fieldValues(month, 1, 12, MONTHS), time.getUTCMonth() + 1],
    // EventBridge counts weekdays from 1 (Sunday) to 7 (Saturday).
    [fieldValues(dayOfWeek, 1, 7, WEEKDAYS, 1), time.getUTCDay() + 1],
    [fieldValues(year, 1970, 2199), time.getUTCFullYear()],
  ];
  if (checks.some(([allowed]) => allowed === undefined)) return undefined;
  return checks.every(([allowed, actual]) => allowed?.has(actual));
}

/** The event EventBridge delivers for a schedule: `time` is the scheduled time, to the second. */
export function scheduledEvent(schedule: LocalSchedule, time: Date, region: string, accountId: string) {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: accountId,
    time: time.toISOString().replace(/\.\d{3}Z$/, "Z"),
    region,
    resources: [schedule.arn],
    detail: {},
  };
}

export interface ScheduleRunnerOptions {
  region: string;
  accountId: string;
  invoke: (functionLogicalId: string, event: unknown) => Promise<InvocationOutcome>;
  log: (line: string) => void;
  onError: (error: unknown) => void;
}

export class UnknownScheduleError extends Error {
  override name = "UnknownScheduleError";
}

export class ScheduleRunner {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    readonly schedules: LocalSchedule[],
    private readonly options: ScheduleRunnerOptions,
  ) {}

  /** Fires every target of the rule now, as EventBridge would at `time` (default: the current time). */
  async run(ruleLogicalId: string, time: Date = new Date()): Promise<InvocationOutcome[]> {
    const schedule = this.schedules.find((candidate) => candidate.logicalId === ruleLogicalId);
    if (!schedule) throw new UnknownScheduleError(`the stack has no scheduled rule ${ruleLogicalId}`);
    const event = scheduledEvent(schedule, time, this.options.region, this.options.accountId);
    return Promise.all(
      schedule.targets.map((target) => this.options.invoke(target.functionLogicalId, target.input ?? event)),
    );
  }

  start(): void {
    for (const schedule of this.schedules.filter((candidate) => candidate.enabled)) {
      const fire = (time: Date) =>
        this.run(schedule.logicalId, time).then((outcomes) => {
          for (const outcome of outcomes)
            if (!outcome.ok) this.options.log(`schedule ${schedule.logicalId}: ${outcome.error.errorType}`);
        }, this.options.onError);
      const every = rateMs(schedule.expression);
      if (every !== undefined) {
        this.timers.push(setInterval(() => void fire(new Date()), every).unref());
      } else if (cronMatches(schedule.expression, new Date()) !== undefined) {
        const tick = () => {
          const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
          if (cronMatches(schedule.expression, minute)) void fire(minute);
        };
        const untilNextMinute = 60_000 - (Date.now() % 60_000);
        this.timers.push(
          setTimeout(() => {
            tick();
            this.timers.push(setInterval(tick, 60_000).unref());
          }, untilNextMinute).unref(),
        );
      } else {
        this.options.log(
          `schedule ${schedule.logicalId} (${schedule.expression}) is not run on a timer locally`,
        );
      }
    }
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
  }
}
