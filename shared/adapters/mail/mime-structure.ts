// Measures a message's MIME structure (nesting depth, part and attachment counts) with a streaming
// splitter before the full parse, so a MIME bomb is stopped cheaply instead of being expanded in memory.

import { Splitter } from "@zone-eu/mailsplit";
import type { MimeLimits } from "../../domain/mime-limits";
import { MailBudgetError } from "../../ports";

export interface MimeStructure {
  parts: number;
  depth: number;
  attachments: number;
}

function depthOf(node: { parentNode: unknown }): number {
  let depth = 0;
  for (
    let current = node.parentNode as { parentNode: unknown } | false;
    current;
    current = current.parentNode as never
  ) {
    depth++;
  }
  return depth;
}

export function scanMimeStructure(raw: Buffer, limits: MimeLimits): Promise<MimeStructure> {
  return new Promise((resolve, reject) => {
    const structure: MimeStructure = { parts: 0, depth: 0, attachments: 0 };
    const splitter = new Splitter();
    const stop = (reason: MailBudgetError["reason"]) => {
      splitter.destroy();
      reject(new MailBudgetError(reason));
    };
    splitter.on(
      "data",
      (chunk: { type: string; parentNode?: unknown; disposition?: unknown; filename?: unknown }) => {
        if (chunk.type !== "node") return;
        structure.parts++;
        structure.depth = Math.max(structure.depth, depthOf(chunk as { parentNode: unknown }));
        if (chunk.disposition === "attachment" || chunk.filename) structure.attachments++;
        if (structure.depth > limits.maxDepth) stop("too-deep");
        else if (structure.parts > limits.maxParts) stop("too-many-parts");
        else if (structure.attachments > limits.maxAttachments) stop("too-many-attachments");
      },
    );
    const stream = splitter as unknown as NodeJS.EventEmitter;
    stream.on("error", (error: Error) => reject(new MailBudgetError("unparseable", { cause: error })));
    stream.on("end", () => resolve(structure));
    splitter.end(raw);
  });
}
