// Sign in or create an account.
import { useState } from "react";
import { api, ApiError } from "../api/http.ts";
import type { SessionUser } from "../session.ts";

export function SignIn(props: { invitePending: boolean; onSignedIn: (user: SessionUser) => void }) {
  const [mode, setMode] = useState<"login" | "register">(props.invitePending ? "register" : "login");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const { user } =
        mode === "login"
          ? await api.login({ email, password })
          : await api.register({ email, password, displayName });
      props.onSignedIn(user);
    } catch (caught) {
      if (caught instanceof ApiError) {
        const details = caught.details.map((detail) => `${detail.field} ${detail.message}`).join("; ");
        setError(details ? `${caught.message} ${details}` : caught.message);
      } else setError("Something went wrong.");
    } finally {
      setBusy(false);
    }
  };

  const heading = mode === "login" ? "Sign in" : "Create an account";
  return (
    <main className="auth" id="main">
      <div className="auth-card">
        <p className="brand">Scholia</p>
        <p className="tagline">Read a text together, and talk about it in the margins.</p>
        <h1>{heading}</h1>
        {props.invitePending && (
          <p className="muted">Sign in or create an account to accept the invitation.</p>
        )}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {mode === "register" && (
            <label>
              Your name
              <input
                name="displayName"
                autoComplete="name"
                required
                value={displayName}
                onChange={(event) => setDisplayName(event.target.value)}
              />
            </label>
          )}
          <label>
            Email
            <input
              name="email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </label>
          <label>
            Password
            <input
              name="password"
              type="password"
              autoComplete={mode === "login" ? "current-password" : "new-password"}
              required
              minLength={mode === "register" ? 10 : undefined}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button primary wide" disabled={busy}>
            {heading}
          </button>
        </form>
        <p className="switch">
          {mode === "login" ? "New here?" : "Already have an account?"}{" "}
          <button
            type="button"
            className="button link"
            onClick={() => {
              setMode(mode === "login" ? "register" : "login");
              setError(null);
            }}
          >
            {mode === "login" ? "Create an account" : "Sign in"}
          </button>
        </p>
      </div>
    </main>
  );
}
