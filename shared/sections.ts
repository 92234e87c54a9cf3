// Words of discussion sections that server and client both show.

/** What a reader in a sectioned class is told about what they read (the close reason sending them to their view). */
export const sectionNotice = "You read your discussion section's threads and your instructors'.";
