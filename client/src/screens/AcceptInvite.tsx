// Accepts an invitation link (/invite/:token) for the signed-in user.
import { useEffect, useState } from "react";
import { api, ApiError } from "../api/http.ts";

// One request per token even when an effect runs twice (React's StrictMode in development).
const accepting = new Map<string, Promise<unknown>>();

export function AcceptInvite(props: { token: string; navigate: (path: string) => void }) {
  const [state, setState] = useState<{ done: boolean; error: string | null }>({ done: false, error: null });
  useEffect(() => {
    if (!accepting.has(props.token)) accepting.set(props.token, api.acceptInvite(props.token));
    accepting.get(props.token)!.then(
      () => setState({ done: true, error: null }),
      (error: unknown) =>
        setState({ done: true, error: error instanceof ApiError ? error.message : "Something went wrong." }),
    );
  }, [props.token]);
  return (
    <main className="page narrow-page" id="main">
      <h1>Invitation</h1>
      {!state.done && <p aria-busy="true">Joining the group…</p>}
      {state.done && state.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      {state.done && !state.error && <p role="status">You have joined the group.</p>}
      {state.done && (
        <button type="button" className="button primary" onClick={() => props.navigate("/")}>
          Go to the library
        </button>
      )}
    </main>
  );
}
