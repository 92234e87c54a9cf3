// One thread as Markdown for the clipboard: the server's own Markdown export of that thread, so a copied thread reads
// exactly as it does in a whole-room export (quote, replies, what the reader may see).
import { createContext, useMemo } from "react";
import { fetchExport } from "../export/download.ts";

/** The Markdown of thread `threadId`; rejects with the server's refusal, or when it cannot be reached. */
export type ThreadMarkdownLoader = (threadId: string) => Promise<string>;

/** Without a provider there is nothing to copy from. */
export const ThreadMarkdownContext = createContext<ThreadMarkdownLoader>(() =>
  Promise.reject(new Error("Threads cannot be copied here.")),
);

/** The loader for room `roomId`. */
export function useThreadMarkdownLoader(roomId: string): ThreadMarkdownLoader {
  return useMemo<ThreadMarkdownLoader>(
    () => async (threadId) => {
      const params = new URLSearchParams({ format: "md", threadId });
      const url = `/api/rooms/${encodeURIComponent(roomId)}/export?${params}`;
      const { file } = await fetchExport(url, () => {}, new AbortController().signal);
      return file.text();
    },
    [roomId],
  );
}
