/**
 * A route selector for fault rules: `"<METHOD> <path>"` or just `"<path>"`
 * (any method). Path segments starting with `:` match any one segment, and a
 * final `*` matches the rest. Examples: `"POST /v1/messages"`,
 * `"/v1/conversations/:id/messages"`, `"/bot/v1/*"`.
 */
export type RoutePattern = string;

interface CompiledPattern {
  method: string | null;
  segments: string[];
}

function compile(pattern: RoutePattern): CompiledPattern {
  const trimmed = pattern.trim();
  const space = trimmed.indexOf(' ');
  const method = space > 0 ? trimmed.slice(0, space).toUpperCase() : null;
  const path = space > 0 ? trimmed.slice(space + 1).trim() : trimmed;
  return { method, segments: path.split('/').filter((s) => s !== '') };
}

/** True when `method` and `path` (no query string) match `pattern`. */
export function matchesRoute(pattern: RoutePattern, method: string, path: string): boolean {
  const compiled = compile(pattern);
  if (compiled.method !== null && compiled.method !== method.toUpperCase()) return false;
  const parts = path.split('/').filter((s) => s !== '');
  for (let i = 0; i < compiled.segments.length; i += 1) {
    const segment = compiled.segments[i] as string;
    if (segment === '*' && i === compiled.segments.length - 1) return true;
    const part = parts[i];
    if (part === undefined) return false;
    if (segment.startsWith(':')) continue;
    if (segment !== part) return false;
  }
  return parts.length === compiled.segments.length;
}
