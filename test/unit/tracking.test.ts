import {
	TRACKING_EVENT_KEYS,
	extractTrackingEvents,
	noTrackingItem,
	trackingForOtherConsignment,
} from '../../nodes/SortedPro/helpers/tracking';

describe('tracking', () => {
	it('flattens the published shape (packages, legs, events), newest first', () => {
		const events = extractTrackingEvents('EC-000-002-4DF', {
			ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-000-002-4DF',
			TrackedPackages: [
				{
					PackageReferenceForAllLegsAssignedByMpd: 'EP-000-034-4DG',
					Legs: [
						{
							CarrierServiceName: 'Carrier Service B',
							Events: [
								{
									TimeStamp: '2020-02-11T07:08:11.786733+00:00',
									Code: 'Sample',
									Description: 'Sample Event',
									SignedBy: 'C. Smith',
									Location: 'Sample Location',
								},
								{
									TimeStamp: '2020-02-12T07:00:00+00:00',
									Code: 'DELIVERED',
									Description: 'Delivered',
								},
							],
						},
						{ CarrierServiceName: 'Second leg', Events: [{ TimeStamp: 'not a date', Code: 'X' }] },
					],
				},
			],
		});
		expect(events.map((event) => [event.Code, event.Leg, event.CarrierServiceName])).toEqual([
			['DELIVERED', 1, 'Carrier Service B'],
			['Sample', 1, 'Carrier Service B'],
			['X', 2, 'Second leg'],
		]);
		expect(events[1]).toEqual({
			ConsignmentReference: 'EC-000-002-4DF',
			PackageReference: 'EP-000-034-4DG',
			Leg: 1,
			CarrierServiceName: 'Carrier Service B',
			TimeStamp: '2020-02-11T07:08:11.786733+00:00',
			Code: 'Sample',
			Description: 'Sample Event',
			Location: 'Sample Location',
			SignedBy: 'C. Smith',
		});
	});

	it('reads the flattened shape, where each event names its carrier service', () => {
		const events = extractTrackingEvents('EC-1', {
			TrackedPackages: [
				{
					PackageReferenceForAllLegsAssignedByMpd: 'EP-1',
					Events: [
						{
							TimeStamp: '2020-01-01T00:00:00Z',
							Code: 'DELIVERED',
							CarrierServiceName: 'Sample Carrier Service A',
						},
					],
				},
			],
		});
		expect(events).toEqual([
			expect.objectContaining({
				Leg: null,
				CarrierServiceName: 'Sample Carrier Service A',
				Code: 'DELIVERED',
			}),
		]);
	});

	it('copes with nothing usable', () => {
		expect(extractTrackingEvents('EC-1', {})).toEqual([]);
		expect(extractTrackingEvents('EC-1', [{ Legs: 'x' }])).toEqual([]);
	});

	it('gives a consignment without events the same keys, null, and a message', () => {
		const item = noTrackingItem('EC-1', 'none yet');
		expect(Object.keys(item)).toEqual([...TRACKING_EVENT_KEYS, 'Message']);
		expect(item).toMatchObject({ ConsignmentReference: 'EC-1', Code: null, Message: 'none yet' });
	});
});

describe('a mixed-up tracking answer', () => {
	const trackedPackage = {
		PackageReferenceForAllLegsAssignedByMpd: 'EP-000-034-4DG',
		Legs: [
			{
				CarrierServiceName: 'Tracked 48',
				Events: [{ TimeStamp: '2026-01-01T10:00:00Z', Code: 'DELIVERED', Location: 'Bristol' }],
			},
		],
	};

	it('outputs an event repeated in the answer once', () => {
		const events = extractTrackingEvents('EC-000-002-4DF', {
			TrackedPackages: [trackedPackage, trackedPackage],
		});
		expect(events.map((event) => event.Code)).toEqual(['DELIVERED']);
	});

	it('keeps the same event of two packages when the answer gives no package references', () => {
		const event = { TimeStamp: '2026-01-01T10:00:00Z', Code: 'DELIVERED' };
		const events = extractTrackingEvents('EC-000-002-4DF', [
			{ Events: [event] },
			{ Events: [event] },
		]);
		expect(events).toHaveLength(2);
	});

	it('keeps events that differ in place or time', () => {
		const later = { ...trackedPackage.Legs[0].Events[0], TimeStamp: '2026-01-02T10:00:00Z' };
		const events = extractTrackingEvents('EC-000-002-4DF', {
			TrackedPackages: [
				trackedPackage,
				{ ...trackedPackage, Legs: [{ ...trackedPackage.Legs[0], Events: [later] }] },
			],
		});
		expect(events).toHaveLength(2);
	});

	it('names the consignment the answer is about when it is not the one asked', () => {
		const body = { ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-900-002-4DF' };
		expect(trackingForOtherConsignment(body, 'EC-000-002-4DF')).toBe('EC-900-002-4DF');
		expect(trackingForOtherConsignment(body, 'ec-900-002-4df')).toBeNull();
		expect(trackingForOtherConsignment({}, 'EC-000-002-4DF')).toBeNull();
	});
});
