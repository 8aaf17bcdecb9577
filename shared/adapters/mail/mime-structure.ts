// Counts a message's MIME structure (nesting depth, part and attachment counts) node by node as the
// parser's splitter meets them, so a MIME bomb is stopped at the first node over a budget instead of
// being expanded in memory, and no second pass over the bytes is needed to find out.

import type { MimeLimits } from "../../domain/mime-limits";
import { MailBudgetError } from "../../ports";

export interface MimeStructure {
  parts: number;
  depth: number;
  attachments: number;
}

/** A node of the MIME tree as the splitter reports it (mailsplit's own shape). */
export interface SplitterNode {
  type: string;
  parentNode?: unknown;
  disposition?: unknown;
  filename?: unknown;
}

function depthOf(node: SplitterNode): number {
  let depth = 0;
  for (
    let current = node.parentNode as { parentNode?: unknown } | false | undefined;
    current;
    current = current.parentNode as never
  ) {
    depth++;
  }
  return depth;
}

export class MimeBudget {
  readonly structure: MimeStructure = { parts: 0, depth: 0, attachments: 0 };
  /** Set at the first node over a budget. */
  failure: MailBudgetError | undefined;

  constructor(private readonly limits: MimeLimits) {}

  /** Counts a splitter chunk; returns the failure once the message is over a budget. */
  count(chunk: SplitterNode): MailBudgetError | undefined {
    if (chunk.type !== "node" || this.failure) return this.failure;
    const { structure, limits } = this;
    structure.parts++;
    structure.depth = Math.max(structure.depth, depthOf(chunk));
    if (chunk.disposition === "attachment" || chunk.filename) structure.attachments++;
    if (structure.depth > limits.maxDepth) this.failure = new MailBudgetError("too-deep");
    else if (structure.parts > limits.maxParts) this.failure = new MailBudgetError("too-many-parts");
    else if (structure.attachments > limits.maxAttachments) {
      this.failure = new MailBudgetError("too-many-attachments");
    }
    return this.failure;
  }
}
