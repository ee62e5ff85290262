// Jaeger-compatible `linkPatterns` from --query.ui-config: turn tag, process-tag and log-field values into
// links. A pattern is {type: "tags"|"process"|"logs", key, url, text}; "#{name}" in url/text is replaced
// with the value of that field (looked up in the field itself, then the span's tags, then its process
// tags; "traceID" and "spanID" are also available). A pattern whose variables cannot all be resolved
// does not apply.

const VARIABLE = /#\{([^}]+)\}/g;

function lookup(name, field, span) {
  if (name === field.key) return field.value;
  if (name === 'traceID') return span.traceID;
  if (name === 'spanID') return span.spanID;
  const tag = span.tags.find((t) => t.key === name) || (span.process.tags || []).find((t) => t.key === name);
  return tag ? tag.value : undefined;
}

function fill(template, field, span, encode) {
  let missing = false;
  const out = String(template).replace(VARIABLE, (_, name) => {
    const value = lookup(name.trim(), field, span);
    if (value === undefined) {
      missing = true;
      return '';
    }
    return encode ? encodeURIComponent(String(value)) : String(value);
  });
  return missing ? null : out;
}

// Returns fn(field) → {url, text} | null for fields of the given type ("tags", "process" or "logs").
export function linkResolver(patterns, type, span) {
  const relevant = (patterns || []).filter((p) => p && p.type === type && p.key && p.url);
  if (!relevant.length) return () => null;
  return (field) => {
    const pattern = relevant.find((p) => p.key === field.key);
    if (!pattern) return null;
    const url = fill(pattern.url, field, span, true);
    if (!url || (!/^(https?:)?\/\//.test(url) && !url.startsWith('/'))) return null;
    return { url, text: pattern.text ? fill(pattern.text, field, span, false) || url : url };
  };
}
