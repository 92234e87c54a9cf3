// Shows a way out instead of a blank page when rendering fails.
import { Component, type ReactNode } from "react";

/** Catches render errors below it and offers a reload; the queued changes are kept in storage. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="page narrow-page" id="main">
        <h1>Something went wrong</h1>
        <p role="alert">
          The page could not be shown ({this.state.error.message}). Changes you made are kept and will be sent
          when you reload.
        </p>
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </main>
    );
  }
}
