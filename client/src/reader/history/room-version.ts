// The number of the text version the room reads, for what compares against it (a thread's "written on version N").
import { createContext } from "react";

/** The room's version number; undefined where no reader provides it (a thread then shows no version). */
export const RoomVersionContext = createContext<number | undefined>(undefined);
