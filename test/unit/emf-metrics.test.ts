// Metrics reach CloudWatch as embedded-metric-format lines on stdout. The alarms and dashboards select
// on the namespace, the metric names and the one `service` dimension, so those are what must not change.

import { describe, expect, it, vi } from "vitest";
import { EmfMetrics } from "../../shared/adapters/aws/emf-metrics";

function capturedLines(act: () => void): Record<string, unknown>[] {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return written
    .join("")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("EmfMetrics", () => {
  it("publishes each count under its own name, in the namespace, with only the service dimension", () => {
    // Act
    const lines = capturedLines(() =>
      new EmfMetrics("Heed/test", "reconciler").publish({ ReconciledInputs: 5, ReconciliationMismatches: 0 }),
    );

    // Assess
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: "Heed/test",
            Dimensions: [["service"]],
            Metrics: [
              { Name: "ReconciledInputs", Unit: "Count" },
              { Name: "ReconciliationMismatches", Unit: "Count" },
            ],
          },
        ],
      },
      service: "reconciler",
      ReconciledInputs: 5,
      ReconciliationMismatches: 0,
    });
  });

  it("writes one line per publication and carries nothing from an earlier one", () => {
    // Prepare
    const metrics = new EmfMetrics("Heed/test", "inbound-email");

    // Act
    const lines = capturedLines(() => {
      metrics.publish({ RecordFailed: 1 });
      metrics.publish({ CasesPurged: 2 });
    });

    // Assess
    expect(lines.map(({ _aws, ...values }) => values)).toEqual([
      { service: "inbound-email", RecordFailed: 1 },
      { service: "inbound-email", CasesPurged: 2 },
    ]);
  });
});
