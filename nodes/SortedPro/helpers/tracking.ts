/**
 * Reading `GET /tracking/{ref}`: `{ConsignmentReferenceForAllLegsAssignedByMpd, TrackedPackages:
 * [{PackageReferenceForAllLegsAssignedByMpd, Legs: [{CarrierServiceName, Events: [...]}]}]}`, or
 * the flattened form with `Events` (each carrying `CarrierServiceName`) directly on a package.
 */

import { field, isObject, text } from './readJson';

function list(entry: unknown, name: string): Array<Record<string, unknown>> {
	const value = field(entry, name);
	return Array.isArray(value) ? value.filter(isObject) : [];
}

export const TRACKING_EVENT_KEYS = [
	'ConsignmentReference',
	'PackageReference',
	'Leg',
	'CarrierServiceName',
	'TimeStamp',
	'Code',
	'Description',
	'Location',
	'SignedBy',
] as const;

export type TrackingEvent = Record<(typeof TRACKING_EVENT_KEYS)[number], unknown>;

/** Every event of every package and leg, newest first; events without a readable time go last. */
export function extractTrackingEvents(
	consignmentReference: string,
	body: unknown,
): TrackingEvent[] {
	const events: TrackingEvent[] = [];
	const packages = Array.isArray(body) ? body.filter(isObject) : list(body, 'TrackedPackages');
	for (const trackedPackage of packages) {
		const packageReference = text(field(trackedPackage, 'PackageReferenceForAllLegsAssignedByMpd'));
		const event = (entry: Record<string, unknown>, leg: number | null, service: unknown) => ({
			ConsignmentReference: consignmentReference,
			PackageReference: packageReference,
			Leg: leg,
			CarrierServiceName: text(field(entry, 'CarrierServiceName')) ?? text(service),
			TimeStamp: text(field(entry, 'TimeStamp')),
			Code: text(field(entry, 'Code')),
			Description: text(field(entry, 'Description')),
			Location: text(field(entry, 'Location')),
			SignedBy: text(field(entry, 'SignedBy')),
		});
		for (const [index, leg] of list(trackedPackage, 'Legs').entries())
			for (const entry of list(leg, 'Events'))
				events.push(event(entry, index + 1, field(leg, 'CarrierServiceName')));
		for (const entry of list(trackedPackage, 'Events')) events.push(event(entry, null, undefined));
	}
	const time = (entry: TrackingEvent) => {
		const parsed = typeof entry.TimeStamp === 'string' ? Date.parse(entry.TimeStamp) : Number.NaN;
		return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
	};
	// An event repeated in the answer (a package or leg sent twice) happened once. Without a
	// package reference, the same event of two packages cannot be told from a repeat: both stay.
	const seen = new Set<string>();
	const distinct = events.filter((entry) => {
		if (entry.PackageReference === null) return true;
		const key = JSON.stringify([
			entry.PackageReference,
			entry.Leg,
			entry.TimeStamp,
			entry.Code,
			entry.Description,
			entry.Location,
		]);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	// Array.prototype.sort is stable: events of the same time keep SortedPRO's order.
	return distinct.sort((a, b) => time(b) - time(a));
}

/** The consignment the tracking answer is about when it is not `reference`, else null. */
export function trackingForOtherConsignment(body: unknown, reference: string): string | null {
	const about = text(field(body, 'ConsignmentReferenceForAllLegsAssignedByMpd'));
	return about !== null && about.toUpperCase() !== reference.toUpperCase() ? about : null;
}

/** The one item of a consignment without events: the same keys, null, and why. */
export function noTrackingItem(consignmentReference: string, message: string) {
	const item: Record<string, unknown> = Object.fromEntries(
		TRACKING_EVENT_KEYS.map((key) => [key, null]),
	);
	item.ConsignmentReference = consignmentReference;
	item.Message = message;
	return item;
}
