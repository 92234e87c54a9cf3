// Whole numbers written in a URL (query and path parameters): plain decimal digits, read in one place for every route.
import { z } from "zod";
import "./messages.ts";

/**
 * A whole number in a query string or a path, as a client writes one: decimal digits without a sign, spaces, a
 * leading zero, an exponent or a hex prefix ("16", never "0x10", " 16", "016" or "1.6e1"), read as a number and
 * checked further by `then` (its bounds). Anything else is refused with `error`. z.coerce.number() would take every
 * spelling Number() reads, and an empty or blank value as 0.
 */
export function decimalInteger<T>(error: string, then: z.ZodType<T, number>) {
  return z
    .string({ error })
    .regex(/^(?:0|[1-9]\d*)$/, { error })
    .transform(Number)
    .pipe(then);
}
