// Words of the hide-until-posted setting that server and client both show.

/** What a reader sees (and what a refused export says) while a room hides the class's threads from them. */
export const hiddenUntilPostedNotice = "Threads from the class appear after you start your own.";
