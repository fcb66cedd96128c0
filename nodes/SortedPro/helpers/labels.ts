/**
 * Reading label files out of SortedPRO's answer: `{ "File": "<base64>", "ContentType": ... }`.
 * A consignment with several packages might come back as a list of those, so both are read.
 */

export interface LabelFile {
	content: Buffer;
	contentType: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(entry: Record<string, unknown>, name: string): unknown {
	const key = Object.keys(entry).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	return key === undefined ? undefined : entry[key];
}

const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}\s*$/;

/** Every label file in the answer; entries without a decodable `File` are skipped. */
export function extractLabelFiles(body: unknown): LabelFile[] {
	const entries = Array.isArray(body)
		? body
		: isObject(body) && Array.isArray(field(body, 'Labels'))
			? (field(body, 'Labels') as unknown[])
			: [body];
	const files: LabelFile[] = [];
	for (const entry of entries) {
		if (!isObject(entry)) continue;
		const file = field(entry, 'File');
		if (typeof file !== 'string' || !file.trim() || !BASE64.test(file)) continue;
		const contentType = field(entry, 'ContentType');
		files.push({
			content: Buffer.from(file, 'base64'),
			contentType:
				typeof contentType === 'string' && contentType.trim()
					? contentType.trim()
					: 'application/octet-stream',
		});
	}
	return files;
}

const EXTENSIONS: Record<string, string> = {
	'application/pdf': 'pdf',
	'image/png': 'png',
	'image/gif': 'gif',
	'image/jpeg': 'jpg',
	'application/zpl': 'zpl',
	'application/x-zpl': 'zpl',
	'x-application/zpl': 'zpl',
	'text/plain': 'txt',
};

/** `EC-000-05A-Z6S.pdf`, or `EC-000-05A-Z6S-2.zpl` for the second of several; ZPL keeps its own extension. */
export function labelFileName(
	reference: string,
	contentType: string,
	requestedFormat?: string,
	number?: number,
): string {
	const format = requestedFormat?.toUpperCase();
	const extension =
		format === 'ZPL' || format === 'ZPLII'
			? 'zpl'
			: (EXTENSIONS[contentType.split(';')[0].trim().toLowerCase()] ??
				(format?.toLowerCase() || 'bin'));
	return `${reference}${number ? `-${number}` : ''}.${extension}`;
}
