import {
	extractCarrierServices,
	isDisabledService,
	matchesFilter,
	toServiceChoice,
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
		).toBe('X1 (DPD) - X1 [disabled]');
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
