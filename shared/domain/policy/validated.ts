// Every policy file and every function's environment is checked the same way: its schema, then any rule
// that spans fields, and a mistake becomes one error that names each path, so a bad file or variable
// stops a function at start-up with the place to fix rather than failing later inside a request.

import type * as z from "zod";

type ErrorClass = new (message: string, options?: ErrorOptions) => Error;

/** The schema's output for `input`, or an `ErrorClass` saying "`what`: path: problem; …". */
export function validated<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  what: string,
  ErrorClass: ErrorClass,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const where = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new ErrorClass(`${what}: ${where}`, { cause: result.error });
  }
  return result.data;
}
