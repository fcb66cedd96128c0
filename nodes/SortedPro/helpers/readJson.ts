/** Reading SortedPRO's JSON, whose key casing varies between accounts and versions. */

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of `name` in `entry`, whatever the casing of the key. */
export function field(entry: unknown, name: string): unknown {
	if (!isObject(entry)) return undefined;
	const key = Object.keys(entry).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	return key === undefined ? undefined : entry[key];
}

/** A non-empty trimmed string or a number as text, else null. */
export function text(value: unknown): string | null {
	if (typeof value === 'string' && value.trim()) return value.trim();
	if (typeof value === 'number') return String(value);
	return null;
}
