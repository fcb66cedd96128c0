import {
	disabledLast,
	extractCarrierServices,
	isDisabledService,
	matchesFilter,
	statusName,
	toServiceChoice,
	withReadableStatus,
} from '../../nodes/SortedPro/helpers/carrierServices';

const tracked48 = {
	Reference: 'MPD_RMDTPS48HNAUT',
	Name: 'Tracked 48',
	Description: 'Royal Mail Tracked 48',
	CarrierName: 'Royal Mail',
	Status: 3,
};

describe('extractCarrierServices', () => {
	it('accepts the documented wrapper, any casing of it, a bare array, or a lone array in another wrapper', () => {
		expect(extractCarrierServices({ Success: true, MpdCarrierServices: [tracked48] })).toEqual([
			tracked48,
		]);
		expect(extractCarrierServices({ mpdCarrierServices: [tracked48, 'junk'] })).toEqual([
			tracked48,
		]);
		expect(extractCarrierServices([tracked48])).toEqual([tracked48]);
		expect(extractCarrierServices({ Data: [tracked48] })).toEqual([tracked48]);
	});

	it('gives nothing for anything else', () => {
		expect(extractCarrierServices(undefined)).toEqual([]);
		expect(extractCarrierServices('oops')).toEqual([]);
		expect(extractCarrierServices({ a: [], b: [] })).toEqual([]);
	});
});

describe('toServiceChoice', () => {
	it('shows name, carrier and reference; the value is the top-level Reference', () => {
		expect(toServiceChoice(tracked48)).toEqual({
			name: 'Tracked 48 (Royal Mail) - MPD_RMDTPS48HNAUT',
			value: 'MPD_RMDTPS48HNAUT',
			description: 'Royal Mail Tracked 48',
		});
	});

	it('falls back sensibly and marks disabled services', () => {
		expect(
			toServiceChoice({ Reference: 'X1', MpdCarrierReference: 'DPD', Status: 'Disabled' })?.name,
		).toBe('[Disabled] X1 (DPD) - X1');
		expect(toServiceChoice({ Name: 'No reference' })).toBeUndefined();
	});
});

describe('isDisabledService', () => {
	it('reads the Status enum as a number or a name', () => {
		expect(isDisabledService({ Status: 2 })).toBe(true);
		expect(isDisabledService({ Status: 'disabled' })).toBe(true);
		expect(isDisabledService({ Status: 3 })).toBe(false);
		expect(isDisabledService({})).toBe(false);
	});
});

describe('matchesFilter', () => {
	it('needs every word somewhere in reference, name, description or carrier', () => {
		expect(matchesFilter(tracked48, undefined)).toBe(true);
		expect(matchesFilter(tracked48, '  ')).toBe(true);
		expect(matchesFilter(tracked48, 'royal 48')).toBe(true);
		expect(matchesFilter(tracked48, 'mpd_rmd')).toBe(true);
		expect(matchesFilter(tracked48, 'royal dpd')).toBe(false);
	});
});

describe('readable status', () => {
	it('names the Status enum from a number, a numeric string or a name in any case', () => {
		expect(
			[0, 1, 2, 3, '3', 'ENABLED', 'Paused', 9, undefined].map((Status) => statusName({ Status })),
		).toEqual([
			'Available',
			'Requested',
			'Disabled',
			'Enabled',
			'Enabled',
			'Enabled',
			'Paused',
			undefined,
			undefined,
		]);
	});

	it('adds StatusName and IsEnabled after Status, or at the end without one', () => {
		expect(Object.entries(withReadableStatus({ Reference: 'X', Status: 2, Type: 'T' }))).toEqual([
			['Reference', 'X'],
			['Status', 2],
			['StatusName', 'Disabled'],
			['IsEnabled', false],
			['Type', 'T'],
		]);
		expect(withReadableStatus({ Reference: 'X' })).toEqual({
			Reference: 'X',
			StatusName: null,
			IsEnabled: null,
		});
	});

	it('orders disabled services last and keeps the order otherwise', () => {
		const services = [
			{ Reference: 'A', Status: 2 },
			{ Reference: 'B' },
			{ Reference: 'C', Status: 3 },
		];
		expect(disabledLast(services).map((service) => service.Reference)).toEqual(['B', 'C', 'A']);
	});
});
