/**
 * Get: `GET /consignments/{ref}`, the consignment as SortedPRO returns it. A 404 names the
 * reference rather than saying "not found".
 */
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';

import { transportOptions } from '../../bulk/engine';
import {
	errorForResponse,
	errorForUnusableResponse,
	isSuccess,
	sendToSortedPro,
} from '../../transport';
import { ownRouting } from '../ownRouting';
import { errorForUnknownConsignment } from './consignmentErrors';
import { readConsignmentReference } from './referenceFields';

async function getConsignment(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const reference = readConsignmentReference(this, 'Get');
	const action = `get consignment ${reference}`;
	const response = await sendToSortedPro.call(
		this,
		{
			...transportOptions(requestData),
			method: 'GET',
			url: `/consignments/${encodeURIComponent(reference)}`,
		},
		action,
	);
	if (response.statusCode === 404)
		throw errorForUnknownConsignment(this, response, action, reference);
	if (!isSuccess(response)) throw errorForResponse(this, response, action);
	const body = response.body;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		const reason =
			typeof body === 'string' ? 'the answer was not JSON' : 'the answer held no consignment';
		throw errorForUnusableResponse(this, action, reason);
	}
	// An answer about another consignment (a proxy's cache, say) must not pass for this one.
	const about = (body as { Reference?: unknown }).Reference;
	if (typeof about === 'string' && about.trim().toUpperCase() !== reference.toUpperCase()) {
		throw errorForUnusableResponse(
			this,
			action,
			`the answer was about consignment ${about.trim().slice(0, 50)}, not ${reference}`,
		);
	}
	return [{ json: body as INodeExecutionData['json'], pairedItem: { item: this.getItemIndex() } }];
}

export const getOperation: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a consignment',
	description: 'Get a consignment with its state, allocation and any failed allocation',
	// Our own transport sends it, so that no transport error carries the key: docs/adr/0001.
	routing: ownRouting(
		{ method: 'GET', url: '/consignments/{consignmentReference}' },
		getConsignment,
	),
};
