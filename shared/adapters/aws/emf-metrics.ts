// Custom metrics in CloudWatch's embedded metric format: one JSON line on stdout per publication, which
// Lambda's log pipeline turns into metrics without an API call or a client. Names and counts only.

import type { Metrics } from "../../ports";

export class EmfMetrics implements Metrics {
  constructor(
    private readonly namespace: string,
    private readonly service: string,
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  publish(values: Record<string, number>): void {
    this.write(
      JSON.stringify({
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            {
              Namespace: this.namespace,
              Dimensions: [["service"]],
              Metrics: Object.keys(values).map((name) => ({ Name: name, Unit: "Count" })),
            },
          ],
        },
        service: this.service,
        ...values,
      }),
    );
  }
}
