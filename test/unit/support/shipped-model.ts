// The shape every shipped learned model keeps: its classes, a bias for each, and for each feature in
// sorted order a whole-hundredths weight for every class.
import { expect } from "vitest";

export function expectShippedModel(json: string, kinds: readonly string[]): void {
  const shipped = JSON.parse(json) as { kinds: string[]; bias: number[]; rows: (string | number)[] };
  expect([...shipped.kinds].sort()).toEqual([...kinds].sort());
  expect(shipped.bias).toHaveLength(kinds.length);
  const stride = kinds.length + 1;
  expect(shipped.rows.length % stride).toBe(0);
  const features = shipped.rows.filter((_, at) => at % stride === 0);
  expect(features.length).toBeGreaterThan(100);
  expect(features.every((feature) => typeof feature === "string")).toBe(true);
  expect([...new Set(features)].sort()).toEqual(features);
  const weights = shipped.rows.filter((_, at) => at % stride !== 0);
  expect(weights.every((weight) => Number.isInteger(weight))).toBe(true);
}
