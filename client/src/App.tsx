// The app shell: the session, a small history-based router, and the screens.
import { useCallback, useEffect, useState } from "react";
import { api, ApiError } from "./api/http.ts";
import { Reader } from "./reader/Reader.tsx";
import { VersionHistory } from "./reader/history/VersionHistory.tsx";
import { PeopleSocketProvider } from "./realtime/PeopleSocketProvider.tsx";
import { parseRoute, type Navigate, type Route } from "./routes.ts";
import { AcceptInvite } from "./screens/AcceptInvite.tsx";
import { Library } from "./screens/Library.tsx";
import { SignIn } from "./screens/SignIn.tsx";
import type { SessionUser } from "./session.ts";

const userKey = "scholia-user";

export function App() {
  const [path, setPath] = useState(window.location.pathname);
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  useEffect(() => {
    api.session().then(
      ({ user: me }) => {
        setUser(me);
        if (me) localStorage.setItem(userKey, JSON.stringify(me));
      },
      (error: unknown) => {
        // Offline: keep reading as the last signed-in user (cached replica and queued changes).
        const cached = localStorage.getItem(userKey);
        if (error instanceof ApiError && error.code === "network" && cached) setUser(JSON.parse(cached));
        else setUser(null);
      },
    );
  }, []);

  const navigate = useCallback<Navigate>((to, options) => {
    // Replacing keeps the place on the page (a thread opening); a new page starts at its top.
    if (options?.replace) window.history.replaceState(null, "", to);
    else {
      window.history.pushState(null, "", to);
      window.scrollTo(0, 0);
    }
    setPath(to);
  }, []);

  const signOut = useCallback(() => {
    void api.logout().finally(() => {
      localStorage.removeItem(userKey);
      setUser(null);
      navigate("/");
    });
  }, [navigate]);

  if (user === undefined) return <p className="muted boot">Loading…</p>;
  const route = parseRoute(path);
  if (user === null) {
    return (
      <SignIn
        inviteToken={route.name === "invite" ? route.token : undefined}
        onSignedIn={(me) => {
          localStorage.setItem(userKey, JSON.stringify(me));
          setUser(me);
        }}
      />
    );
  }
  return (
    // One socket for the signed-in tab: the reader's presence and the library's notifications share it.
    <PeopleSocketProvider userId={user.id}>
      {signedInScreen(route, user, navigate, signOut)}
    </PeopleSocketProvider>
  );
}

/** The screen `route` names, for `user`. */
function signedInScreen(route: Route, user: SessionUser, navigate: Navigate, signOut: () => void) {
  switch (route.name) {
    case "invite":
      return <AcceptInvite token={route.token} navigate={navigate} />;
    case "reader":
      return (
        <Reader
          key={route.roomId}
          groupId={route.groupId}
          roomId={route.roomId}
          threadId={route.threadId}
          user={user}
          navigate={navigate}
        />
      );
    case "version":
    case "compare":
      return (
        <VersionHistory
          groupId={route.groupId}
          roomId={route.roomId}
          view={route.name === "version" ? { version: route.version } : { from: route.from, to: route.to }}
          navigate={navigate}
        />
      );
    default:
      return <Library user={user} navigate={navigate} onSignOut={signOut} />;
  }
}
