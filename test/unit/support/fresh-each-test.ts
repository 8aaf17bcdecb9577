// One way for a unit test file to start every test from fresh in-memory fakes: the holder it returns
// has its fields replaced before each test, so tests read `holder.cases`, `holder.deps`… and never see
// what an earlier test left behind.
import { beforeEach } from "vitest";

export function freshEachTest<T extends object>(make: () => Promise<T>): T {
  const holder = {} as T;
  beforeEach(async () => {
    Object.assign(holder, await make());
  });
  return holder;
}
