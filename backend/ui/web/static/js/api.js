// Client for the Jaeger-compatible query HTTP API ({base}/api/...). Every method resolves to the `data`
// member of the response or throws ApiError with the server's message.

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export class ApiClient {
  constructor(basePath) {
    this.basePath = basePath;
  }

  url(path, params) {
    const url = new URL(`${this.basePath}/api/${path}`, window.location.origin);
    for (const [key, value] of Object.entries(params || {})) {
      if (value === undefined || value === null || value === '') continue;
      if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(key, v));
      else url.searchParams.set(key, value);
    }
    return url.toString();
  }

  async get(path, params, { signal } = {}) {
    return this.request('GET', path, params, { signal });
  }

  async post(path, params, { signal } = {}) {
    return this.request('POST', path, params, { signal });
  }

  async request(method, path, params, { signal } = {}) {
    let response;
    try {
      response = await fetch(this.url(path, params), { method, signal, headers: { Accept: 'application/json' } });
    } catch (err) {
      if (err.name === 'AbortError') throw err;
      throw new ApiError(`Cannot reach the query service: ${err.message}`, 0);
    }
    let body = null;
    const text = await response.text();
    try {
      body = text ? JSON.parse(text) : null;
    } catch (_) {
      throw new ApiError(`Unexpected response (${response.status}): ${text.slice(0, 200)}`, response.status);
    }
    const errors = body && Array.isArray(body.errors) ? body.errors : [];
    if (!response.ok || (errors.length && !body.data)) {
      const msg = errors.map((e) => e.msg || e.message).filter(Boolean).join('; ') || response.statusText;
      throw new ApiError(msg || `HTTP ${response.status}`, response.status);
    }
    return body ? body.data : null;
  }

  async services(opts) {
    const data = await this.get('services', null, opts);
    return (data || []).slice().sort((a, b) => a.localeCompare(b));
  }

  async operations(service, opts) {
    const data = await this.get(`services/${encodeURIComponent(service)}/operations`, null, opts);
    return (data || []).slice().sort((a, b) => a.localeCompare(b));
  }

  // query: {service, operation, tags (object), start, end (µs), limit, minDuration, maxDuration, lookback}
  async findTraces(query, opts) {
    const params = { ...query };
    if (params.tags && typeof params.tags === 'object') {
      params.tags = Object.keys(params.tags).length ? JSON.stringify(params.tags) : undefined;
    }
    return (await this.get('traces', params, opts)) || [];
  }

  async trace(traceID, opts) {
    const data = await this.get(`traces/${encodeURIComponent(traceID)}`, null, opts);
    if (!data || !data.length) throw new ApiError(`trace ${traceID} not found`, 404);
    return data[0];
  }

  // POST /api/archive/{traceID}: copies the trace into the archive storage (Jaeger's "Archive Trace"). Resolves
  // once archived; throws ApiError (404 trace not found, 500 e.g. "archive span storage was not configured").
  async archiveTrace(traceID, opts) {
    await this.post(`archive/${encodeURIComponent(traceID)}`, null, opts);
  }

  traceJsonUrl(traceID) {
    return this.url(`traces/${encodeURIComponent(traceID)}`, { prettyPrint: 'true' });
  }

  async dependencies(endTsMs, lookbackMs, opts) {
    return (await this.get('dependencies', { endTs: Math.round(endTsMs), lookback: Math.round(lookbackMs) }, opts)) || [];
  }
}
