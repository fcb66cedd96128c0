/**
 * Turning whatever a workflow hands us into a clean list of consignment references.
 *
 * Users paste lists from spreadsheets, map a single field from an order trigger, or pass an array
 * from an expression, so every one of those shapes has to work. Anything that cannot be a
 * reference is reported before a request is sent, so a typo never reaches SortedPRO.
 */

/** SortedPRO's newer Shipments API caps the same call at 100; the Consignments API never said. */
export const MAX_REFERENCES_PER_REQUEST = 100;

/** Real references are 14 characters (`EC-000-05A-Z6S`); anything far longer is a pasted document. */
export const MAX_REFERENCE_LENGTH = 50;

/** Commas, semicolons and line breaks always separate; spaces only between plausible references. */
const LIST_SEPARATORS = /[,;\r\n]+/;
const SPACES = /\s+/;
const REFERENCE_CHARACTERS = /^[A-Za-z0-9_-]+$/;

export interface RejectedReference {
	value: string;
	reason: string;
}

export interface ParsedReferences {
	/** Distinct, trimmed references in the order first given. */
	references: string[];
	/** Values that cannot be references, each with why. */
	rejected: RejectedReference[];
	/** References given more than once (each listed once). */
	duplicates: string[];
}

function codePoint(char: string): string {
	return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Invisible characters (controls, zero-width, direction marks) shown by code point. */
export function visible(value: string): string {
	return value.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (char) => `[${codePoint(char)}]`);
}

/** A look-alike such as the Cyrillic "Е" in "ЕC-..." is named with its code point to be seen. */
function describeCharacter(char: string): string {
	if (/[\p{Cc}\p{Cf}\p{Z}\p{M}]/u.test(char)) return codePoint(char);
	return char.charCodeAt(0) > 0x7e ? `${char} (${codePoint(char)})` : char;
}

function preview(value: string): string {
	const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
	return visible(shown);
}

function rejectionReason(candidate: string): string | undefined {
	if (candidate.length > MAX_REFERENCE_LENGTH) {
		return `it is ${candidate.length} characters long; a consignment reference has at most ${MAX_REFERENCE_LENGTH}`;
	}
	if (!REFERENCE_CHARACTERS.test(candidate)) {
		const bad = [...new Set(candidate.replace(/[A-Za-z0-9_-]/g, ''))];
		const listed = bad.slice(0, 10).map(describeCharacter).join(' ');
		const more = bad.length > 10 ? ' and more' : '';
		return (
			`it contains ${bad.length > 1 ? 'the characters' : 'the character'} ${listed}${more}; ` +
			'only the letters A to Z, digits, "-" and "_" are allowed'
		);
	}
	return undefined;
}

/**
 * A piece of a value split at spaces that cannot be a reference of its own: references have a
 * "-" inside (EC-000-05A-Z6S), so `EC`, `000` or `05A-` are fragments of one copied with spaces
 * (from a PDF, say) rather than references.
 */
function isFragment(piece: string): boolean {
	return piece.length < 4 || !piece.includes('-') || piece.startsWith('-') || piece.endsWith('-');
}

/**
 * Why a value with spaces is not taken as several references, or undefined when every piece can
 * be one: splitting `EC 000 05A Z6S` would send four references that each fail as unknown.
 */
function spaceSplitReason(pieces: string[]): string | undefined {
	const fragments = pieces.filter(isFragment);
	// Only pieces that would be sent (clean characters) make the split harmful; the others are
	// rejected on their own with the characters they hold.
	if (!fragments.some((piece) => REFERENCE_CHARACTERS.test(piece))) return undefined;
	const listed = pieces.map((piece) => `"${preview(piece)}"`).join(', ');
	const culprit =
		fragments.length === 1
			? `"${preview(fragments[0])}" cannot be a reference`
			: fragments.length === pieces.length
				? 'none of them can be a reference'
				: `${fragments.map((piece) => `"${preview(piece)}"`).join(', ')} cannot be references`;
	const read = `spaces separate references, so it was read as ${pieces.length} (${listed}), and ${culprit}`;
	const joined = pieces
		.join('-')
		.replace(/[/\\.|]+/g, '-')
		.replace(/-{2,}/g, '-');
	const meant =
		fragments.length === pieces.length &&
		REFERENCE_CHARACTERS.test(joined) &&
		joined.length <= MAX_REFERENCE_LENGTH
			? `; it is probably the one reference ${joined}, to be written without spaces`
			: '; separate references with commas or new lines';
	return `${read}${meant}`;
}

function flatten(input: unknown, into: string[], rejected: RejectedReference[]): void {
	if (input === null || input === undefined) return;
	if (Array.isArray(input)) {
		for (const element of input) flatten(element, into, rejected);
		return;
	}
	if (typeof input === 'string') {
		for (const entry of input.split(LIST_SEPARATORS)) {
			const fragments = entry.trim().split(SPACES).filter(Boolean);
			const reason = fragments.length > 1 ? spaceSplitReason(fragments) : undefined;
			if (reason) rejected.push({ value: preview(fragments.join(' ')), reason });
			else into.push(...fragments);
		}
		return;
	}
	if (typeof input === 'number' && Number.isFinite(input)) {
		into.push(String(input));
		return;
	}
	// An object here is almost always a whole item mapped by mistake (e.g. `{{ $json }}`).
	let shown: string;
	try {
		shown = JSON.stringify(input) ?? String(input);
	} catch {
		shown = String(input);
	}
	rejected.push({
		value: preview(shown),
		reason: `it is ${Array.isArray(input) ? 'a list' : typeof input}, not text; map the field that holds the reference`,
	});
}

/**
 * Accepts one reference, a list separated by commas, semicolons, spaces or new lines, or an
 * array (possibly nested, possibly of such lists). Blanks are dropped, values trimmed,
 * duplicates removed (ignoring case; the first spelling is kept). A value that spaces would
 * split into pieces that cannot be references is rejected whole, with what it probably is.
 */
export function parseConsignmentReferences(input: unknown): ParsedReferences {
	const candidates: string[] = [];
	const rejected: RejectedReference[] = [];
	flatten(input, candidates, rejected);

	const references: string[] = [];
	const seen = new Set<string>();
	const duplicates = new Set<string>();
	for (const raw of candidates) {
		const candidate = raw.trim();
		if (candidate === '') continue;
		const reason = rejectionReason(candidate);
		if (reason) {
			rejected.push({ value: preview(candidate), reason });
			continue;
		}
		// SortedPRO matches references case-insensitively, so `ec-1` and `EC-1` are one consignment.
		const key = candidate.toUpperCase();
		if (seen.has(key)) {
			duplicates.add(candidate);
			continue;
		}
		seen.add(key);
		references.push(candidate);
	}
	return { references, rejected, duplicates: [...duplicates] };
}

/** Splits a list into consecutive runs of at most `size` elements. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1)
		throw new RangeError(`chunk size must be a positive integer, got ${size}`);
	const chunks: T[][] = [];
	for (let start = 0; start < items.length; start += size)
		chunks.push(items.slice(start, start + size));
	return chunks;
}

/** SortedPRO's own consignment references as they appear in its messages (`EC-000-05A-Z6S`). */
const MPD_REFERENCE = /\bEC(?:-[0-9A-Z]{3}){3}\b/gi;

/**
 * The consignment an answer's text is about when it names consignments but not `reference`,
 * else null. A proxy's cache or a mixed-up answer must not pass for an answer about this one.
 */
export function otherConsignmentNamed(
	texts: ReadonlyArray<string | null | undefined>,
	reference: string,
): string | null {
	const named = texts.flatMap((entry) => (entry ?? '').match(MPD_REFERENCE) ?? []);
	if (named.length === 0) return null;
	const asked = reference.toUpperCase();
	return named.some((entry) => entry.toUpperCase() === asked) ? null : (named[0] ?? null);
}
