// The signed-in user as the client keeps it.
/** Who is reading; null while signed out. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
}
