// The small HTML pages of the unsubscribe link, for people who open it in a browser: confirm (a button that
// POSTs, since mail scanners fetch links), done, and a link that is not valid.
import { escapeHtml } from "../../shared/markdown/render-markdown.ts";

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Scholia</title>
<style>body{font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}
button{font:inherit;padding:.5rem 1rem;cursor:pointer}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>
`;
}

/** Asks to confirm; the button POSTs the same link (the RFC 8058 form body included). */
export function confirmUnsubscribePage(token: string, settingsUrl: string): string {
  // Relative to the page itself (the same path), so it holds behind a proxy that serves Scholia under a prefix.
  const action = `?token=${encodeURIComponent(token)}`;
  return page(
    "Stop notification e-mails?",
    `<p>Scholia will stop e-mailing you about replies, mentions and other notifications. You will still see them in the app.</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Stop e-mails</button></form>
<p><a href="${escapeHtml(settingsUrl)}">Change your notification settings instead</a></p>`,
  );
}

/** Says it is done and how to undo it. */
export function unsubscribedPage(settingsUrl: string): string {
  return page(
    "E-mails stopped",
    `<p>You will get no more notification e-mails from Scholia. Notifications still appear in the app.</p>
<p>To get e-mails again, <a href="${escapeHtml(settingsUrl)}">change your notification settings</a>.</p>`,
  );
}

/** Why the link did not work. */
export function invalidUnsubscribePage(message: string): string {
  return page("This link does not work", `<p>${escapeHtml(message)}</p>`);
}
