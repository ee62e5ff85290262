// "Find in trace": which spans match a free-text query. Terms are whitespace-separated and all must match;
// a term "key=value" matches a tag, process tag or log field with that key whose value contains value;
// any other term is a case-insensitive substring of the service, operation, span ID, kind or any
// key/value of the span.

function fieldsOf(span) {
  const fields = [...span.tags, ...(span.process.tags || [])];
  for (const log of span.logs) fields.push(...(log.fields || []));
  return fields;
}

function haystack(span) {
  if (span.searchText === undefined) {
    const parts = [span.serviceName, span.operationName, span.spanID, span.kind || ''];
    for (const f of fieldsOf(span)) parts.push(f.key, String(f.value));
    span.searchText = parts.join('\u0000').toLowerCase();
  }
  return span.searchText;
}

function parseTerms(query) {
  return String(query || '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((term) => {
      const eq = term.indexOf('=');
      if (eq > 0) return { key: term.slice(0, eq).toLowerCase(), value: term.slice(eq + 1).toLowerCase() };
      return { text: term.toLowerCase() };
    });
}

function termMatches(span, term) {
  if (term.text !== undefined) return haystack(span).includes(term.text);
  return fieldsOf(span).some(
    (f) => f.key.toLowerCase() === term.key && String(f.value).toLowerCase().includes(term.value),
  );
}

// Matching spans in preorder (trace order); empty for an empty query.
export function findSpans(model, query) {
  const terms = parseTerms(query);
  if (!terms.length) return [];
  return model.spans.filter((span) => terms.every((term) => termMatches(span, term)));
}
