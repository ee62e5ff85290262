// Stable service colours. A service's colour comes from a hash of its name, so it is the same on every
// page and after reloads; when two services seen in this tab would share a colour, the later one moves to
// the next free palette entry (and keeps it for the rest of the session).

const PALETTE = [
  '#2b8ae0', '#f08b2f', '#1aa77c', '#8e62d9', '#13a9bf', '#c9a227', '#d94f9f', '#5a77e8',
  '#5fb346', '#a0683d', '#0f7d94', '#e0669b', '#7a8fa3', '#b36ad6', '#2fbf9f', '#d98b52',
  '#3d5fb5', '#8aa83a', '#c2568a', '#4aa3d9',
];

const assigned = new Map();
const used = new Map(); // palette index → number of services using it

function hashName(name) {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function serviceColor(serviceName) {
  let color = assigned.get(serviceName);
  if (color) return color;
  const start = hashName(serviceName) % PALETTE.length;
  let index = start;
  // Prefer an unused entry; once every entry is used, share the least used one.
  let best = start;
  for (let probe = 0; probe < PALETTE.length; probe++) {
    index = (start + probe) % PALETTE.length;
    if ((used.get(index) || 0) < (used.get(best) || 0)) best = index;
    if (!used.get(index)) {
      best = index;
      break;
    }
  }
  used.set(best, (used.get(best) || 0) + 1);
  color = PALETTE[best];
  assigned.set(serviceName, color);
  return color;
}

// Assigns colours in sorted-name order so a given set of services gets the same colours on every load.
export function preassignColors(serviceNames) {
  [...serviceNames].sort().forEach((name) => serviceColor(name));
}
