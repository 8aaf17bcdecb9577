// MIME parsing: Heed's lean mailparser adapter against mailparser's default simpleParser, same inputs,
// same run. Reports p50/p99 in milliseconds.

import { simpleParser } from "mailparser";
import { MailparserMailParser } from "../../shared/adapters/mail/mailparser-mail-parser";
import { DEFAULT_MIME_LIMITS } from "../../shared/domain/mime-limits";
import { multipart20k, plainText2k } from "./corpus";
import { percentile } from "./stats";

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

export interface ParseFigure {
  name: string;
  heed: { p50: number; p99: number };
  naive: { p50: number; p99: number };
}

export async function benchParsing(runs = 400): Promise<ParseFigure[]> {
  const lean = new MailparserMailParser();
  const figures: ParseFigure[] = [];
  for (const [name, make] of [
    ["2 KB plain text", plainText2k],
    ["20 KB multipart", multipart20k],
  ] as const) {
    const raw = make();
    // Warm both paths first so the first-call compile cost does not land in either figure.
    await time(30, () => lean.parse(raw, DEFAULT_MIME_LIMITS));
    await time(30, () => simpleParser(raw));
    const heed = await time(runs, () => lean.parse(raw, DEFAULT_MIME_LIMITS));
    const naive = await time(runs, () => simpleParser(raw));
    figures.push({
      name,
      heed: { p50: percentile(heed, 50), p99: percentile(heed, 99) },
      naive: { p50: percentile(naive, 50), p99: percentile(naive, 99) },
    });
  }
  return figures;
}
