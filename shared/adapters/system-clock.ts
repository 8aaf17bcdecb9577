// The one place Heed's functions read the system clock: handlers and routes pass `systemClock` to the
// application as its `Clock`, so the domain and the application take `now` from their caller and tests
// give them a fixed instant instead (the lint rule in lint/clock-reads.grit keeps it that way).
import type { Clock } from "../ports";

export const systemClock: Clock = { now: () => new Date() };
