// Custom metrics through Powertools Metrics: each publication is one line of CloudWatch's embedded metric
// format on stdout, which Lambda's log pipeline turns into metrics without an API call or a client. The
// one dimension is the function's service name (the alarms select on it); names and counts only, no
// metadata, so nothing personal can ride along.

import { MetricUnit, Metrics as PowertoolsMetrics } from "@aws-lambda-powertools/metrics";
import type { Metrics } from "../../ports";

export class EmfMetrics implements Metrics {
  private readonly metrics: PowertoolsMetrics;

  constructor(namespace: string, serviceName: string) {
    this.metrics = new PowertoolsMetrics({ namespace, serviceName });
  }

  publish(values: Record<string, number>): void {
    for (const [name, value] of Object.entries(values)) this.metrics.addMetric(name, MetricUnit.Count, value);
    this.metrics.publishStoredMetrics();
  }
}
