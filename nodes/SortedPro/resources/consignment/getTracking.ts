/**
 * Get Tracking: `GET /tracking/{ref}`, one item per tracking event, newest first. A consignment
 * without events still gets one item (event fields null, and a Message saying why), so that
 * every reference is accounted for.
 */
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';

import { transportOptions } from '../../bulk/engine';
import {
	extractTrackingEvents,
	noTrackingItem,
	trackingForOtherConsignment,
} from '../../helpers/tracking';
import {
	errorForResponse,
	errorForUnusableResponse,
	isSuccess,
	sendToSortedPro,
} from '../../transport';
import { ownRouting } from '../ownRouting';
import { readConsignmentReference } from './referenceFields';
import { stateAfterNotFound } from './stateAfterNotFound';

const OPERATION = 'getTracking';

async function getTracking(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const reference = readConsignmentReference(this, 'Get Tracking');
	const options = transportOptions(requestData);
	const path = encodeURIComponent(reference);
	const action = `get the tracking events of consignment ${reference}`;
	const response = await sendToSortedPro.call(
		this,
		{ ...options, method: 'GET', url: `/tracking/${path}` },
		action,
	);
	const item = this.getItemIndex();
	const output = (json: Record<string, unknown>) => ({
		json: json as INodeExecutionData['json'],
		pairedItem: { item },
	});

	if (response.statusCode === 404) {
		const state = await stateAfterNotFound(
			this,
			options,
			reference,
			response,
			action,
			'Tracking events exist only once a consignment is allocated and handed to the carrier.',
		);
		const inState = state !== undefined ? ` (state ${state})` : '';
		return [
			output(
				noTrackingItem(
					reference,
					`SortedPRO has no tracking for this consignment yet${inState}: events arrive once the carrier has it.`,
				),
			),
		];
	}
	if (!isSuccess(response)) throw errorForResponse(this, response, action);
	if (typeof response.body !== 'object' || response.body === null)
		throw errorForUnusableResponse(
			this,
			action,
			typeof response.body === 'string'
				? 'the answer was not JSON'
				: 'the answer held no tracking data',
		);
	const other = trackingForOtherConsignment(response.body, reference);
	if (other !== null)
		throw errorForUnusableResponse(
			this,
			action,
			`the tracking was for consignment ${other.slice(0, 50)}, not ${reference}`,
			response.body,
		);
	const events = extractTrackingEvents(reference, response.body);
	if (events.length === 0)
		return [output(noTrackingItem(reference, 'SortedPRO has no tracking events for it yet.'))];
	return events.map((event) => output({ ...event, Message: null }));
}

export const getTrackingOperation: INodePropertyOptions = {
	name: 'Get Tracking',
	value: OPERATION,
	action: 'Get tracking events of a consignment',
	description: "Get a consignment's tracking events from its carriers, newest first",
	// Our own transport sends it, and a 404 needs a second request to tell its meaning: docs/adr/0001.
	routing: ownRouting({ method: 'GET', url: '/tracking/{consignmentReference}' }, getTracking),
};
