// Types for html-to-text, which ships none (it comes with mailparser), limited to the compiled converter
// that shared/adapters/mail/html-text.ts uses.

declare module "html-to-text" {
  interface HtmlToTextOptions {
    limits?: { maxDepth?: number };
  }

  export function compile(options?: HtmlToTextOptions): (html: string) => string;
}
