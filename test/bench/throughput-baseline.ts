// What the end-to-end bench measured 16 at once on commit 1878a67, before intake was reworked to make
// fewer AWS requests, with the calibration workload (calibration.ts) timed in the same process before and
// after that run (mean of the two). Another day's machine is busier or quieter: the bench scales these
// figures by today's calibration before printing them as "before", and never compares raw wall-clock.
// Recorded while the two-core machine ran at a load average of about 2.8.

export const THROUGHPUT_BEFORE = {
  commit: "1878a67",
  loadAverage: 2.8,
  /** Intakes per second through the sandbox, 16 deliveries at once over kept-open SMTP connections. */
  perSecond: 15.4,
  /** CPU of the intake function's thread per intake in the same run. */
  intakeCpuMsPerIntake: 42.4,
  calibration: { wallMs: 8.9, cpuMs: 10.2 },
} as const;
