import {
	interpretManifestState,
	matchManifestResults,
	toManifestJson,
} from '../../nodes/SortedPro/helpers/manifestResults';

describe('matchManifestResults', () => {
	it('pairs results by Data, case-insensitively, then by link or message', () => {
		const body = [
			{ IsSuccess: true, Message: 'done', Data: 'ec-1' },
			{ IsSuccess: 'false', Message: 'Consignment EC-2 is cancelled' },
			{ IsSuccess: false, ApiLinks: [{ Rel: 'detail', Href: 'https://x/consignments/EC-3' }] },
			'junk',
		];
		expect(matchManifestResults(['EC-1', 'EC-2', 'EC-3', 'EC-4'], body)).toEqual([
			{ reference: 'EC-1', status: 'done', message: 'done' },
			{ reference: 'EC-2', status: 'failed', reason: 'Consignment EC-2 is cancelled' },
			{
				reference: 'EC-3',
				status: 'failed',
				reason: 'SortedPRO did not manifest it and gave no reason',
			},
			undefined,
		]);
	});

	it('accepts a wrapper or a single result', () => {
		expect(
			matchManifestResults(['EC-1'], { Results: [{ IsSuccess: true, Data: 'EC-1' }] })[0]?.status,
		).toBe('done');
		expect(matchManifestResults(['EC-1'], { IsSuccess: true, Data: 'EC-1' })[0]?.status).toBe(
			'done',
		);
		expect(matchManifestResults(['EC-1'], 'oops')).toEqual([undefined]);
	});
});

describe('interpretManifestState', () => {
	it('reads the consignment state', () => {
		expect(interpretManifestState('EC-1', { ConsignmentState: 'Dispatched' })).toMatchObject({
			status: 'done',
			consignmentState: 'Dispatched',
		});
		expect(interpretManifestState('EC-1', { ConsignmentState: 'Manifesting' }).status).toBe(
			'pending',
		);
		expect(interpretManifestState('EC-1', { ConsignmentState: 'ManifestFailed' })).toMatchObject({
			status: 'failed',
			reason: expect.stringContaining('could not manifest it'),
		});
		expect(interpretManifestState('EC-1', { ConsignmentState: 'Unallocated' })).toMatchObject({
			reason: expect.stringContaining('state Unallocated'),
		});
		expect(interpretManifestState('EC-1', null)).toMatchObject({ status: 'failed' });
	});
});

describe('manifest output and errors', () => {
	it('gives every item the same leading fields', () => {
		expect(toManifestJson({ reference: 'EC-1', status: 'pending', reason: 'r' })).toEqual({
			ConsignmentReference: 'EC-1',
			Manifested: false,
			ManifestStatus: 'Pending',
			FailureReason: 'r',
		});
	});
});
