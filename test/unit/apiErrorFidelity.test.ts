import { reasonWithSupportContext, supportContext } from '../../nodes/SortedPro/helpers/apiError';

const CORRELATION_ID = 'f94c7dbc-c542-40b9-b6da-bd98aa110939';
const body = {
	Code: 'AllocationFailed',
	Message: '1 of 2 consignments could not be allocated.',
	CorrelationId: CORRELATION_ID,
	Details: [{ Target: 'ConsignmentReferences[0]', Message: 'Customs data missing' }],
};

describe('supportContext', () => {
	it('gives the Message and the Correlation ID as sentences', () => {
		expect(supportContext(body)).toBe(
			`SortedPRO said: 1 of 2 consignments could not be allocated. Correlation ID: ${CORRELATION_ID}.`,
		);
	});

	it('leaves out a Message the reason already holds', () => {
		expect(
			supportContext(body, 'Consignment EC-1: 1 of 2 consignments could not be allocated'),
		).toBe(`Correlation ID: ${CORRELATION_ID}.`);
	});

	it("reads the gateway's shape and an HTML page's text", () => {
		expect(supportContext({ statusCode: 429, message: 'Rate limit is exceeded.' })).toBe(
			'SortedPRO said: Rate limit is exceeded.',
		);
		expect(supportContext('<html><body><h1>Bad gateway</h1></body></html>')).toBe(
			'SortedPRO said: Bad gateway.',
		);
	});

	it('is empty for an empty body or one without either field', () => {
		expect(supportContext(undefined)).toBe('');
		expect(supportContext('')).toBe('');
		expect(supportContext({ Details: [] })).toBe('');
	});
});

describe('reasonWithSupportContext', () => {
	it('appends the context to the detail, one sentence each', () => {
		expect(reasonWithSupportContext('Customs data missing', body)).toBe(
			'Customs data missing. SortedPRO said: 1 of 2 consignments could not be allocated. ' +
				`Correlation ID: ${CORRELATION_ID}.`,
		);
	});

	it('keeps a reason unchanged when the answer had nothing to add', () => {
		expect(reasonWithSupportContext('Customs data missing.', {})).toBe('Customs data missing.');
	});

	it('reads correctly with line breaks replaced by spaces: no undefined, no doubled stops', () => {
		const text = reasonWithSupportContext('Customs data missing.', body);
		expect(text).not.toMatch(/undefined|\.\.|\[object Object\]/);
	});
});
