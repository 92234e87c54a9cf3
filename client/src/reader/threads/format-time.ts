// How thread cards show when something was written.

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** An ISO timestamp as a date and time in the reader's locale. */
export const formatTime = (iso: string) => timeFormat.format(new Date(iso));
