// The shape of a PATCH body: some of an entity's fields, unknown ones refused by name, at least one given.
import { z } from "zod";
import "./messages.ts";

/**
 * A strict object of `shape`'s fields, all optional in `shape`, of which at least one must be given; an empty body
 * is refused as a whole ("Give at least one of: name, description").
 */
export function someOf<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape).refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: `give at least one of: ${Object.keys(shape).join(", ")}`,
  });
}
