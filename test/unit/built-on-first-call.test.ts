// A port built on its first call answers as its adapter does: the adapter is built once, whatever the
// number of calls, each call reaches it with its arguments, and a build that failed is tried again.
import { describe, expect, it } from "vitest";
import { builtOnFirstCall } from "../../shared/adapters/aws/wiring/runtime";
import type { IntakeQueue, RawMailLocation, ReferralQueue } from "../../shared/ports";

class RecordingQueue implements IntakeQueue {
  readonly redriven: RawMailLocation[] = [];
  async redrive(location: RawMailLocation): Promise<void> {
    this.redriven.push(location);
  }
}

describe("builtOnFirstCall", () => {
  it("builds nothing until called, then builds once and passes every call on", async () => {
    const queue = new RecordingQueue();
    let builds = 0;
    const port = builtOnFirstCall<IntakeQueue>(
      async () => {
        builds += 1;
        return queue;
      },
      { redrive: true },
    );
    expect(builds).toBe(0);
    const first = { bucket: "raw", key: "a" };
    const second = { bucket: "raw", key: "b" };
    await Promise.all([port.redrive(first), port.redrive(second)]);
    expect(builds).toBe(1);
    expect(queue.redriven).toEqual([first, second]);
  });

  it("answers with what the adapter answers, its failures included", async () => {
    const refused = new Error("queue refused");
    const port = builtOnFirstCall<ReferralQueue>(
      async () => ({
        send: async () => undefined,
        sendThemeAlert: async () => {
          throw refused;
        },
      }),
      { send: true, sendThemeAlert: true },
    );
    await expect(port.send({} as Parameters<ReferralQueue["send"]>[0])).resolves.toBeUndefined();
    await expect(port.sendThemeAlert({} as Parameters<ReferralQueue["sendThemeAlert"]>[0])).rejects.toBe(
      refused,
    );
  });

  it("tries a failed build again on the next call", async () => {
    const queue = new RecordingQueue();
    let builds = 0;
    const port = builtOnFirstCall<IntakeQueue>(
      async () => {
        builds += 1;
        if (builds === 1) throw new Error("module not loaded");
        return queue;
      },
      { redrive: true },
    );
    const location = { bucket: "raw", key: "a" };
    await expect(port.redrive(location)).rejects.toThrow("module not loaded");
    await port.redrive(location);
    expect(builds).toBe(2);
    expect(queue.redriven).toEqual([location]);
  });
});
