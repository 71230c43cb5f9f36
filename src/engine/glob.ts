/**
 * Compiles a glob (`*` any run of characters, `?` one character, everything else literal) to an
 * anchored regular expression. Used for suppression and rule-selection patterns, which match ids,
 * ARNs and names, so `*` crosses `/` and `:` as well.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** A compiled glob; plain strings skip the regular expression. */
export function globMatcher(glob: string): (value: string) => boolean {
  if (!/[*?]/.test(glob)) return (value) => value === glob;
  const re = globToRegExp(glob);
  return (value) => re.test(value);
}
