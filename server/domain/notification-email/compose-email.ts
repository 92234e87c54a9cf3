// Writes a notification e-mail — subject, plain text and HTML — from the notifications it carries: one (a subject
// that says what happened), several at once, or a daily digest. Everything people wrote is escaped in the HTML.
import { escapeHtml } from "../../../shared/markdown/render-markdown.ts";
import type { NotificationKind } from "../../../shared/schemas/notifications.ts";

/** One notification as the e-mail tells it. */
export interface EmailItem {
  kind: NotificationKind;
  /** Who did it; null when their account is gone. */
  actorName: string | null;
  /** The document's title. */
  roomTitle: string;
  /** The words concerned, plain text with mentions written as @Name. */
  excerpt: string;
  /** Absolute URL that opens the thread at its passage. */
  link: string;
  /** The recipient started the thread: a reply then answers their thread rather than one of their replies. */
  ownThread: boolean;
}

/** What surrounds the items: who it is for, which kind of message, and the links at the foot. */
export interface EmailFrame {
  recipientName: string;
  digest: boolean;
  settingsUrl: string;
  unsubscribeUrl: string;
}

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Longest title in a subject line, and longest excerpt in a body (characters). */
const subjectTitleChars = 80;
const excerptChars = 280;

/** One line of text, at most `max` characters: names and titles can hold line breaks that a header must not. */
function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** What happened, as a sentence without a full stop: "Bo replied to your thread in “Title”". */
function describe(item: EmailItem, titleChars = Infinity): string {
  const who = item.actorName === null ? "Someone" : oneLine(item.actorName, 80);
  const where = `“${oneLine(item.roomTitle, titleChars)}”`;
  switch (item.kind) {
    case "reply":
      return `${who} replied to your ${item.ownThread ? "thread" : "comment"} in ${where}`;
    case "mention":
      return `${who} mentioned you in ${where}`;
    case "resolved":
      return `${who} resolved your thread in ${where}`;
    case "reopened":
      return `${who} reopened your thread in ${where}`;
    case "announcement":
      return `${who} posted an announcement in ${where}`;
    case "activity":
      return `${who} replied in a thread you follow in ${where}`;
  }
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function subjectOf(items: readonly EmailItem[], digest: boolean): string {
  if (digest) return `Your Scholia digest: ${plural(items.length, "notification")}`;
  if (items.length === 1) return describe(items[0]!, subjectTitleChars);
  const titles = new Set(items.map((item) => item.roomTitle));
  const where = titles.size === 1 ? `“${oneLine(items[0]!.roomTitle, subjectTitleChars)}”` : "Scholia";
  return `${plural(items.length, "new notification")} in ${where}`;
}

function introOf(items: readonly EmailItem[], digest: boolean): string {
  if (digest)
    return `Here is what happened since your last digest (${plural(items.length, "notification")}):`;
  return items.length === 1
    ? "You have a new notification:"
    : `You have ${plural(items.length, "new notification")}:`;
}

function footOf(digest: boolean): string {
  return digest
    ? "You get this digest once a day because of your notification settings."
    : "You get an e-mail for each notification because of your notification settings.";
}

function textOf(items: readonly EmailItem[], frame: EmailFrame): string {
  const entries = items.map((item) =>
    [
      `* ${describe(item)}:`,
      ...(item.excerpt.trim() ? [`  “${oneLine(item.excerpt, excerptChars)}”`] : []),
      `  Open the thread: ${item.link}`,
    ].join("\n"),
  );
  return [
    `Hello ${oneLine(frame.recipientName, 80)},`,
    "",
    introOf(items, frame.digest),
    "",
    entries.join("\n\n"),
    "",
    "-- ",
    footOf(frame.digest),
    `Change them: ${frame.settingsUrl}`,
    `Stop all notification e-mails: ${frame.unsubscribeUrl}`,
    "",
  ].join("\n");
}

function htmlOf(items: readonly EmailItem[], frame: EmailFrame): string {
  const entries = items.map((item) => {
    const excerpt = item.excerpt.trim()
      ? `<blockquote style="margin:4px 0 4px 0;padding-left:8px;border-left:3px solid #ccc;color:#444">${escapeHtml(oneLine(item.excerpt, excerptChars))}</blockquote>`
      : "";
    return `<li style="margin-bottom:12px"><strong>${escapeHtml(describe(item))}</strong>${excerpt}<a href="${escapeHtml(item.link)}">Open the thread</a></li>`;
  });
  return [
    "<!doctype html>",
    '<html><body style="font-family:sans-serif;line-height:1.4">',
    `<p>Hello ${escapeHtml(oneLine(frame.recipientName, 80))},</p>`,
    `<p>${escapeHtml(introOf(items, frame.digest))}</p>`,
    `<ul style="padding-left:20px">${entries.join("")}</ul>`,
    `<p style="font-size:small;color:#666">${escapeHtml(footOf(frame.digest))} `,
    `<a href="${escapeHtml(frame.settingsUrl)}">Change them</a> · `,
    `<a href="${escapeHtml(frame.unsubscribeUrl)}">Stop all notification e-mails</a></p>`,
    "</body></html>",
    "",
  ].join("\n");
}

/** The e-mail carrying `items` (at least one) for `frame.recipientName`. */
export function composeNotificationEmail(items: readonly EmailItem[], frame: EmailFrame): ComposedEmail {
  return { subject: subjectOf(items, frame.digest), text: textOf(items, frame), html: htmlOf(items, frame) };
}
