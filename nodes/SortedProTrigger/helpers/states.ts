/**
 * SortedPRO's consignment states as the trigger offers them, and when a consignment summary says
 * it reached each one. Names and numbers follow the 2016 SDK's `ConsignmentState` enum; JSON
 * normally carries the name, but a number is read too.
 */

export interface StateInfo {
	/** SortedPRO's JSON name, e.g. `AllocationFailed`. */
	value: string;
	/** What the editor shows. */
	name: string;
	description: string;
	/** The enum number, for answers that send numbers. */
	number: number;
	/**
	 * Summary fields that hold the moment the consignment reached this state, most specific
	 * first. Most states have none in the published contract.
	 */
	dateFields?: string[];
}

const state = (
	value: string,
	name: string,
	number: number,
	description: string,
	dateFields?: string[],
): StateInfo => ({ value, name, number, description, dateFields });

export const CONSIGNMENT_STATES: StateInfo[] = [
	state('Unallocated', 'Unallocated', 0, 'Created, not allocated to a carrier service yet'),
	state('Allocating', 'Allocating', 1, 'Being allocated'),
	state(
		'AllocationFailed',
		'Allocation Failed',
		2,
		'No carrier service could be allocated; the summary carries the reason',
		['FailedAllocationAttemptedAllocationDate'],
	),
	state('Allocated', 'Allocated', 3, 'Allocated to a carrier service; labels are available', [
		'AllocationDate',
	]),
	state('Manifesting', 'Manifesting', 4, 'Being manifested with the carrier'),
	state('Manifested', 'Manifested', 5, 'Manifested with every carrier of its journey'),
	state('ManifestFailed', 'Manifest Failed', 6, 'Manifesting did not complete', [
		'FailedManifestTimeStamp',
	]),
	state('AtDropOffPoint', 'At Drop-Off Point', 9, 'Handed in at a drop-off point', ['ShippedDate']),
	state('Collected', 'Collected', 10, 'Collected by the carrier', ['CollectionDate']),
	state('CollectionFailed', 'Collection Failed', 11, 'The carrier could not collect it'),
	state('InTransit', 'In Transit', 12, 'On its way'),
	state('Delayed', 'Delayed', 13, 'The carrier reports a delay'),
	state('OutForDelivery', 'Out for Delivery', 14, 'With the driver for delivery'),
	state('DeliveryFailed', 'Delivery Failed', 15, 'A delivery attempt failed', [
		'AttemptedDeliveryDate',
	]),
	state(
		'DeliveryFailedCardLeft',
		'Delivery Failed (Card Left)',
		16,
		'A delivery attempt failed and a card was left',
		['AttemptedDeliveryDate'],
	),
	state('Delivered', 'Delivered', 17, 'Delivered', ['DeliveryDate']),
	state('PartiallyDelivered', 'Partially Delivered', 18, 'Some packages were delivered'),
	state('AtCollectionPoint', 'At Collection Point', 19, 'Waiting at a collection point'),
	state('ReturnToSender', 'Return to Sender', 20, 'Being returned to the sender'),
	state('ActionRequired', 'Action Required', 21, 'The carrier needs something from the shipper'),
	state('Missing', 'Missing', 22, 'The carrier cannot find it'),
	state('Lost', 'Lost', 23, 'Lost by the carrier'),
	state('Damaged', 'Damaged', 24, 'Damaged in transit'),
	state('Cancelling', 'Cancelling', 25, 'Being cancelled'),
	state('Cancelled', 'Cancelled', 26, 'Cancelled'),
	state('InTransitWaiting', 'In Transit (Waiting)', 27, 'In transit, waiting at a hub'),
	state('HeldByCarrier', 'Held by Carrier', 28, 'Held by the carrier'),
	state('ExchangeFailed', 'Exchange Failed', 29, 'An exchange failed'),
	state('AtCustoms', 'At Customs', 30, 'Held at customs'),
	state('CarrierUnableToCollect', 'Carrier Unable to Collect', 31, 'The carrier could not collect'),
	state('DeliveredDamaged', 'Delivered Damaged', 32, 'Delivered, but damaged'),
	state('ReadyToShip', 'Ready to Ship', 40, 'Ready to be handed to the carrier'),
];

const BY_NAME = new Map(CONSIGNMENT_STATES.map((info) => [info.value.toLowerCase(), info]));
const BY_NUMBER = new Map(CONSIGNMENT_STATES.map((info) => [info.number, info]));

/** The state's JSON name, whether it arrived as a name (any case) or as the enum number. */
export function stateName(value: unknown): string | undefined {
	if (typeof value === 'number') return BY_NUMBER.get(value)?.value;
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const trimmed = value.trim();
	if (/^\d+$/.test(trimmed)) return BY_NUMBER.get(Number(trimmed))?.value;
	return BY_NAME.get(trimmed.toLowerCase())?.value ?? trimmed;
}

export function stateInfo(name: string): StateInfo | undefined {
	return BY_NAME.get(name.toLowerCase());
}

export function isKnownState(name: unknown): name is string {
	return typeof name === 'string' && BY_NAME.has(name.toLowerCase());
}
