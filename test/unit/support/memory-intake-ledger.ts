// The intake ledger kept in a map, with the real ledger's rules that intake relies on: the first
// writer's entry wins, an outcome once recorded is never replaced, and only a quarantined entry is
// released (its outcome moves to the history, so intake may decide again).

import type { IntakeEntry, IntakeOutcome } from "../../../shared/domain/intake";
import type { IntakeLedger } from "../../../shared/ports";

export class MemoryIntakeLedger implements IntakeLedger {
  readonly entries = new Map<string, IntakeEntry>();

  async open(entry: IntakeEntry): Promise<IntakeEntry> {
    const existing = this.entries.get(entry.intakeId);
    if (existing) return structuredClone(existing);
    this.entries.set(entry.intakeId, structuredClone(entry));
    return structuredClone(entry);
  }
  async get(intakeId: string) {
    const entry = this.entries.get(intakeId);
    return entry && structuredClone(entry);
  }
  async recordRefusal(entry: IntakeEntry & { result: IntakeEntry["result"] }) {
    this.entries.set(entry.intakeId, structuredClone(entry));
  }
  async recordOutcome(intakeId: string, outcome: IntakeOutcome, at: string) {
    const entry = this.entries.get(intakeId);
    if (entry && !entry.result) entry.result = { ...outcome, decidedAt: at };
  }
  async findByMessageId(messageId: string) {
    return [...this.entries.values()].filter((entry) => entry.messageId === messageId);
  }
  async claimDelivery(_identity: string, intakeId: string) {
    return intakeId;
  }
  async listQuarantined() {
    return [...this.entries.values()].filter((entry) => entry.result?.outcome === "quarantined");
  }
  async release(intakeId: string, releasedBy: string, at: string) {
    const entry = this.entries.get(intakeId);
    if (entry?.result?.outcome !== "quarantined") return false;
    entry.history = [...(entry.history ?? []), entry.result];
    entry.release = { by: releasedBy, at };
    delete entry.result;
    return true;
  }
}
