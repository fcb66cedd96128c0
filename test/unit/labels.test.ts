import { extractLabelFiles, labelFileName } from '../../nodes/SortedPro/helpers/labels';

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('extractLabelFiles', () => {
	it('reads the documented single file, any casing', () => {
		expect(extractLabelFiles({ File: base64('%PDF'), ContentType: 'application/pdf' })).toEqual([
			{ content: Buffer.from('%PDF'), contentType: 'application/pdf' },
		]);
		expect(extractLabelFiles({ file: base64('x') })).toEqual([
			{ content: Buffer.from('x'), contentType: 'application/octet-stream' },
		]);
	});

	it('reads lists of files, bare or wrapped, skipping entries without a decodable file', () => {
		expect(
			extractLabelFiles([{ File: base64('a') }, { File: 'not base64!' }, { File: '' }, 'junk']),
		).toHaveLength(1);
		expect(
			extractLabelFiles({ Labels: [{ File: base64('a') }, { File: base64('b') }] }),
		).toHaveLength(2);
	});

	it('gives nothing for anything else', () => {
		expect(extractLabelFiles('%PDF raw')).toEqual([]);
		expect(extractLabelFiles(undefined)).toEqual([]);
	});
});

describe('labelFileName', () => {
	it('names by content type, ZPL by the format asked for, numbering several', () => {
		expect(labelFileName('EC-1', 'application/pdf')).toBe('EC-1.pdf');
		expect(labelFileName('EC-1', 'image/png; charset=binary', 'PNG', 2)).toBe('EC-1-2.png');
		expect(labelFileName('EC-1', 'text/plain', 'ZPLII')).toBe('EC-1.zpl');
		expect(labelFileName('EC-1', 'application/x-custom', 'PDF')).toBe('EC-1.pdf');
		expect(labelFileName('EC-1', 'application/x-custom')).toBe('EC-1.bin');
		expect(labelFileName('EC-1', 'application/zpl')).toBe('EC-1.zpl');
		expect(labelFileName('EC-1', 'text/plain')).toBe('EC-1.txt');
	});
});
