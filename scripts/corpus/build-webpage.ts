// Writes the corpus's saved web page: an article inside a news site's header, navigation, sidebar, footer and banner.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { entryDir, writeExpectations } from "./corpus-paths.ts";
import { escapeHtml, renderBlocksHtml, renderNotesHtml } from "./html.ts";
import { readSourceText } from "./text-format.ts";

const text = readSourceText("library");
const notes: string[] = [];
const body = renderBlocksHtml(text.blocks, notes);

const page = [
  "<!DOCTYPE html>",
  `<html lang="en-GB">`,
  "<!-- saved from url=(0061)https://www.carverstreetnews.example/community/tool-library -->",
  "<head>",
  `<meta charset="utf-8">`,
  `<meta name="viewport" content="width=device-width, initial-scale=1">`,
  `<title>${escapeHtml(text.title)} | Carver Street News</title>`,
  `<meta property="og:title" content="${escapeHtml(text.title)}">`,
  `<meta name="author" content="${escapeHtml(text.author)}">`,
  `<link rel="stylesheet" href="./tool-library_files/site.css">`,
  `<script src="./tool-library_files/analytics.js" async></script>`,
  "</head>",
  "<body>",
  `<div class="cookie-banner" role="dialog"><p>We use cookies to understand how our site is used. <button>Accept all</button> <button>Settings</button></p></div>`,
  `<header class="site-header">`,
  `  <a class="logo" href="/">Carver Street News</a>`,
  `  <form class="search" action="/search"><input name="q" placeholder="Search"></form>`,
  `  <a href="/subscribe" class="subscribe">Subscribe</a>`,
  "</header>",
  `<nav class="main-nav"><ul>`,
  `  <li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/community">Community</a></li>`,
  `  <li><a href="/events">Events</a></li><li><a href="/letters">Letters</a></li><li><a href="/about">About us</a></li>`,
  "</ul></nav>",
  `<nav class="breadcrumb"><a href="/">Home</a> › <a href="/community">Community</a> › Tool library</nav>`,
  "<main>",
  "<article>",
  `<h1>${escapeHtml(text.title)}</h1>`,
  `<p class="byline">${escapeHtml(text.byline)} · <time datetime="2026-03-14">14 March 2026</time> · 4 min read</p>`,
  `<div class="share"><a href="#">Share</a> <a href="#">Print</a> <a href="#">Email</a></div>`,
  ...body,
  ...renderNotesHtml(notes),
  `<div class="tags">Tags: <a href="/tags/community">community</a>, <a href="/tags/volunteering">volunteering</a></div>`,
  "</article>",
  `<aside class="related"><h2>Read next</h2><ul>`,
  `  <li><a href="/community/repair-cafe">The repair café turns five</a></li>`,
  `  <li><a href="/community/seed-swap">Spring seed swap returns to the library</a></li>`,
  "</ul></aside>",
  `<section class="comments"><h2>Comments (3)</h2><p>Comments are closed for this article.</p></section>`,
  "</main>",
  `<footer class="site-footer">`,
  `  <p>© 2026 Carver Street News. All rights reserved.</p>`,
  `  <ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li><li><a href="/contact">Contact</a></li></ul>`,
  "</footer>",
  "</body>",
  "</html>",
  "",
].join("\n");

const dir = entryDir("html-tool-library");
writeFileSync(join(dir, "source.html"), page);
writeExpectations(
  dir,
  text,
  "scripts/corpus/build-webpage.ts: a page as a browser's Save Page As keeps it (site header, navigation, breadcrumb, cookie banner, share links, related articles, comments, footer around the article; footnotes as endnotes)",
);
