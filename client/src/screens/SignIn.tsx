// Sign in or create an account (naming the group first when the visitor came through an invite link).
import { useState } from "react";
import { limits } from "../../../shared/limits.ts";
import { api, ApiError } from "../api/http.ts";
import type { SessionUser } from "../session.ts";
import { InviteSummary } from "./InviteSummary.tsx";
import { useInvitePreview } from "./use-invite-preview.ts";

export function SignIn(props: { inviteToken?: string; onSignedIn: (user: SessionUser) => void }) {
  const invitePending = props.inviteToken !== undefined;
  const invite = useInvitePreview(props.inviteToken);
  const [mode, setMode] = useState<"login" | "register">(invitePending ? "register" : "login");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [error, setError] = useState<string | null>(null);
  /** Fields the server named in its refusal, marked invalid; its message already says why. */
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    setInvalid(new Set());
    try {
      const { user } =
        mode === "login"
          ? await api.login({ email, password })
          : await api.register({ email, password, displayName });
      props.onSignedIn(user);
    } catch (caught) {
      if (caught instanceof ApiError) {
        setError(caught.message);
        setInvalid(new Set(caught.details.map((detail) => detail.field)));
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
        {invite && "invite" in invite && <InviteSummary invite={invite.invite} />}
        {invite && "error" in invite && (
          <p className="error" role="alert">
            {invite.error}
          </p>
        )}
        {invitePending && <p className="muted">Sign in or create an account to accept the invitation.</p>}
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
                aria-invalid={invalid.has("displayName") || undefined}
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
              aria-invalid={invalid.has("email") || undefined}
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
              minLength={mode === "register" ? limits.passwordMin : undefined}
              aria-describedby={mode === "register" ? "password-rule" : undefined}
              aria-invalid={invalid.has("password") || undefined}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          {mode === "register" && (
            <p id="password-rule" className="muted">
              At least {limits.passwordMin} characters.
            </p>
          )}
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
              // A password typed for the other form (a wrong one, after a failed sign-in) is not this one's.
              setPassword("");
              setError(null);
              setInvalid(new Set());
            }}
          >
            {mode === "login" ? "Create an account" : "Sign in"}
          </button>
        </p>
      </div>
    </main>
  );
}
