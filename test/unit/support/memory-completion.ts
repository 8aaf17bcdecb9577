// What completing a case needs (stores, mail, referrals, the acknowledgement quota), kept in memory, for
// the tests of the intake channels: each test adds what its channel needs on top.

import type { CompletionDependencies } from "../../../shared/application/complete-case";
import { defaultIntakePolicy } from "../../../shared/config/intake-policy";
import { defaultPolicy } from "../../../shared/config/policy";
import {
  CountingQuota,
  MemoryCases,
  MovableClock,
  RecordingMailer,
  RecordingQueues,
  RecordingReferrals,
  silentLog,
} from "../communication-fakes";

export function memoryCompletion(now = "2026-11-23T10:00:00.000Z") {
  const queues = new RecordingQueues();
  const cases = new MemoryCases({ queues });
  const mailer = new RecordingMailer();
  const referrals = new RecordingReferrals();
  const completion: CompletionDependencies = {
    cases,
    mailer,
    clock: new MovableClock(new Date(now)),
    log: silentLog,
    policy: defaultPolicy,
    settings: { intakeAddress: "complaints@example.com" },
    quota: new CountingQuota(),
    intakePolicy: defaultIntakePolicy,
    referrals,
    queues,
    urgentSignals: [],
  };
  return { cases, mailer, referrals, completion };
}
