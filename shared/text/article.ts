// "a member", "an instructor": the indefinite article before a word that messages fill in (roles, block kinds).

/**
 * `word` with "a" or "an" before it, by its first letter (the words filled in here are roles, block kinds and
 * JavaScript types, none of which starts with a silent consonant or a vowel said as a consonant); `opening`: it opens
 * a sentence ("An owner …").
 */
export function withArticle(word: string, options: { opening?: boolean } = {}): string {
  const article = /^[aeiou]/i.test(word) ? "an" : "a";
  return `${options.opening ? article.replace("a", "A") : article} ${word}`;
}
