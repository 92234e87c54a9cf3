// Renaming a text (title, author) and removing it, after confirming, for owners and instructors.
import { useState } from "react";
import { limits } from "../../../../shared/limits.ts";
import { api, type RoomDto } from "../../api/http.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { errorText } from "./error-text.ts";

/** The actions on the text of `room`; `onChanged` reloads the library. */
export function TextActions(props: { room: RoomDto; onChanged: () => Promise<void> }) {
  const { document } = props.room;
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(document.title);
  const [author, setAuthor] = useState(document.author ?? "");
  const [error, setError] = useState<string | null>(null);

  const act = (run: () => Promise<unknown>) => {
    setError(null);
    run().then(
      () => props.onChanged(),
      (caught: unknown) => setError(errorText(caught)),
    );
  };

  return (
    <div className="text-actions">
      <button
        type="button"
        className="button quiet"
        aria-expanded={renaming}
        aria-label={`Rename ${document.title}`}
        onClick={() => setRenaming(!renaming)}
      >
        Rename
      </button>
      <button
        type="button"
        className="button quiet"
        aria-label={`Remove ${document.title}`}
        onClick={() => {
          const question =
            `Remove “${document.title}”? It leaves the library for everyone; its discussion stays ` +
            "exportable by owners and instructors.";
          if (window.confirm(question)) act(() => api.removeDocument(document.id));
        }}
      >
        Remove
      </button>
      {renaming && (
        <form
          className="inline-form"
          aria-label={`Rename ${document.title}`}
          onSubmit={(event) => {
            event.preventDefault();
            act(() => api.renameDocument(document.id, { title: title.trim(), author: author.trim() }));
          }}
        >
          <label>
            <span>Title</span>
            <input
              required
              maxLength={limits.documentTitleMax}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
            />
          </label>
          <label>
            <span>Author</span>
            <input
              maxLength={limits.documentAuthorMax}
              value={author}
              onChange={(event) => setAuthor(event.target.value)}
            />
          </label>
          <button type="submit" className="button">
            Save
          </button>
        </form>
      )}
      <ErrorAlert error={error} />
    </div>
  );
}
