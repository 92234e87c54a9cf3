// Local date-times from a request → instants in the group's time zone, refusing dates no calendar has.
import { localToInstant } from "../../../../shared/time-zone.ts";
import { AppError } from "../../../domain/app-error.ts";

/** The instant `local` names in `timeZone`; 400 naming `field` for a date that does not exist (2027-02-30). */
export function toInstant(local: string, timeZone: string, field: string): Date {
  const instant = localToInstant(local, timeZone);
  if (!instant) {
    throw new AppError("validation_failed", `${field} is not a date that exists.`, [
      { field, message: `${local} is not a date that exists` },
    ]);
  }
  return instant;
}
