// Every policy file and every function's environment is checked the same way: its schema, then any rule
// that spans fields, and a mistake becomes one error that names each path, so a bad file or variable
// stops a function at start-up with the place to fix rather than failing later inside a request.

import * as z from "zod";

// Heed parses a schema a handful of times (each policy file once at start-up, a request's body once):
// zod's just-in-time compiled object parsers cost more to build at start-up than they ever save, so
// every schema is interpreted. Set here, where every policy file and environment is first parsed.
z.config({ jitless: true });

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
