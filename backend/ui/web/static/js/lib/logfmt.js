// logfmt ⇔ tag objects for the search form: `http.status_code=500 error=true msg="a b"`.

// Parses logfmt text into {key: value}; a bare key means "true". Throws Error on an unterminated quote.
export function parseLogfmt(text) {
  const tags = {};
  let i = 0;
  const n = text.length;
  const isSpace = (c) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  while (i < n) {
    while (i < n && isSpace(text[i])) i++;
    if (i >= n) break;
    let key = '';
    while (i < n && text[i] !== '=' && !isSpace(text[i])) key += text[i++];
    if (i >= n || text[i] !== '=') {
      if (key) tags[key] = 'true';
      continue;
    }
    i++; // '='
    let value = '';
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i++];
        if (c === '\\' && i < n) {
          value += text[i++];
        } else if (c === '"') {
          closed = true;
          break;
        } else {
          value += c;
        }
      }
      if (!closed) throw new Error(`unterminated quote in value of "${key}"`);
    } else {
      while (i < n && !isSpace(text[i])) value += text[i++];
    }
    if (!key) throw new Error('missing key before "="');
    tags[key] = value;
  }
  return tags;
}

// {key: value} → logfmt text, quoting values with spaces, quotes or '='.
export function formatLogfmt(tags) {
  return Object.entries(tags || {})
    .map(([k, v]) => {
      const value = String(v);
      const needsQuotes = value === '' || /[\s"=]/.test(value);
      return `${k}=${needsQuotes ? `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"` : value}`;
    })
    .join(' ');
}
