// Opens the tab's people socket for the signed-in user and hands it to the screens below.
import { useEffect, useState, type ReactNode } from "react";
import {
  closePeopleSocket,
  connectPeopleSocket,
  PeopleSocketContext,
  type PeopleSocket,
} from "./people-socket.ts";

/** One socket for as long as `userId` is signed in; a new user (after signing out and in) gets a new one. */
export function PeopleSocketProvider(props: { userId: string; children: ReactNode }) {
  const [socket, setSocket] = useState<PeopleSocket | null>(null);
  useEffect(() => {
    const next = connectPeopleSocket();
    setSocket(next);
    return () => {
      closePeopleSocket(next);
      setSocket(null);
    };
  }, [props.userId]);
  return <PeopleSocketContext.Provider value={socket}>{props.children}</PeopleSocketContext.Provider>;
}
