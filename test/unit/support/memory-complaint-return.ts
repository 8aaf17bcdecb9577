// The complaints return's counters kept in memory as sets per cell, as the DynamoDB adapter keeps them:
// a complaint counted twice under one measure (a retried write) counts once.

import type {
  ComplaintReturnCell,
  ComplaintReturnCount,
  ComplaintReturnCounters,
  ComplaintReturnMeasure,
} from "../../../shared/ports";

/** Counters as sets per cell, as the DynamoDB adapter keeps them. */
export class MemoryComplaintReturn implements ComplaintReturnCounters {
  readonly cells = new Map<string, ComplaintReturnCount>();

  private cell(cell: ComplaintReturnCell): ComplaintReturnCount {
    const key = `${cell.day}#${cell.category}#${cell.cause}`;
    const found = this.cells.get(key) ?? { ...cell, measures: {}, redress: [] };
    this.cells.set(key, found);
    return found;
  }

  async count(cell: ComplaintReturnCell, measure: ComplaintReturnMeasure, reference: string) {
    const found = this.cell(cell);
    found.measures[measure] = [...new Set([...(found.measures[measure] ?? []), reference])];
  }

  async addRedress(cell: ComplaintReturnCell, reference: string, amount: number) {
    const found = this.cell(cell);
    found.redress = [...new Set([...found.redress, `${reference}=${amount.toFixed(2)}`])];
  }

  async between(fromDay: string, toDay: string) {
    return [...this.cells.values()].filter((cell) => cell.day >= fromDay && cell.day <= toDay);
  }
}
