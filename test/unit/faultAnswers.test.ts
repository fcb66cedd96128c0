/**
 * Pure-helper checks for the answers the fault suite (test/integration/faults.test.ts) exposed:
 * duplicates, answers about other consignments, cut-off and empty bodies, and 429 wording.
 */
import { matchAllocationSummaries } from '../../nodes/SortedPro/helpers/allocationSummary';
import { describeErrorResponse } from '../../nodes/SortedPro/helpers/apiError';
import {
	extractCarrierServices,
	unusableListReason,
} from '../../nodes/SortedPro/helpers/carrierServices';

const summaryFor = (reference: string) => ({
	StatusCode: 200,
	ApiLinks: [{ Rel: 'detail', Href: `https://api.example/consignments/${reference}` }],
	Description: `Consignment ${reference} has been successfully allocated`,
	CarrierName: 'Carrier X',
});

describe('matchAllocationSummaries under faulty answers', () => {
	it('never pairs a summary about another consignment with the one reference sent', () => {
		const [outcome] = matchAllocationSummaries(['EC-100-009-001'], [summaryFor('EC-900-009-001')]);
		expect(outcome.status).toBe('failed');
	});

	it('never pairs a repeated summary with a reference the answer left out', () => {
		const first = summaryFor('EC-1');
		const outcomes = matchAllocationSummaries(['EC-1', 'EC-2'], [first, first]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['allocated', 'failed']);
	});

	it('still pairs a summary that names no consignment when exactly one reference is unanswered', () => {
		const outcomes = matchAllocationSummaries(
			['EC-1', 'EC-2'],
			[summaryFor('EC-1'), { StatusCode: 200, CarrierName: 'Carrier X' }],
		);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['allocated', 'allocated']);
	});
});

describe('carrier service lists under faulty answers', () => {
	const service = (Reference: string) => ({ Reference, Name: Reference });

	it('keeps a service listed twice once', () => {
		const body = { MpdCarrierServices: [service('A'), service('A'), service('B'), service('B')] };
		expect(extractCarrierServices(body).map((entry) => entry.Reference)).toEqual(['A', 'B']);
	});

	it.each([
		[undefined, 'the answer was empty'],
		[
			'{"ErrorMessage":null,"Success":true,"MpdCarrierSer',
			'the answer was cut off or is not valid JSON',
		],
		[{ Success: true }, 'the answer held no list of carrier services'],
	])('finds %j unusable: %s', (body, reason) => {
		expect(unusableListReason(body)).toBe(reason);
	});

	it('finds an empty list usable (an account without services)', () => {
		expect(unusableListReason({ MpdCarrierServices: [] })).toBeUndefined();
		expect(unusableListReason([])).toBeUndefined();
	});
});

describe('429 wording', () => {
	it('says what was not done, so the reference in the action is in sight', () => {
		const { message } = describeErrorResponse(
			{ statusCode: 429, body: '' },
			'get consignment EC-000-05A-Z6S',
		);
		expect(message).toContain('EC-000-05A-Z6S');
		expect(message).toContain('HTTP 429');
	});
});
