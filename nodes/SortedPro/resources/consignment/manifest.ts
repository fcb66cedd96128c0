/**
 * Manifest: `PUT /consignments/manifest` with `{ConsignmentReferences}`, through the bulk engine.
 * SortedPRO answers one `{IsSuccess, Message, Data}` per consignment.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { BulkOperation } from '../../bulk/engine';
import {
	MANIFEST_PENDING_REASON,
	interpretManifestState,
	matchManifestResults,
	toManifestJson,
} from '../../helpers/manifestResults';
import { ownRouting } from '../ownRouting';
import { bulkPagination } from './bulkPagination';

const OPERATION = 'manifest';

const manifestBulkOperation: BulkOperation = {
	action: 'manifest consignments',
	words: {
		verb: 'manifested',
		noun: 'manifest',
		subject: '',
		outputFailedOption: 'Output Failed Manifests',
	},
	outputFailedParameter: 'options.outputFailedManifests',
	request: (ConsignmentReferences) => ({
		method: 'PUT',
		url: '/consignments/manifest',
		body: { ConsignmentReferences },
	}),
	readResponse: matchManifestResults,
	readConsignment: interpretManifestState,
	pendingReason: MANIFEST_PENDING_REASON,
	toJson: toManifestJson,
};

export const manifestOperation: INodePropertyOptions = {
	name: 'Manifest',
	value: OPERATION,
	action: 'Manifest consignments',
	description: 'Manifest allocated consignments, handing them over to their carriers',
	// The bulk engine sends the requests (combined, chunked): docs/adr/0002.
	routing: ownRouting(
		{ method: 'PUT', url: '/consignments/manifest' },
		bulkPagination(manifestBulkOperation),
	),
};

export const manifestFields: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['consignment'], operation: [OPERATION] } },
		options: [
			{
				displayName: 'Output Failed Manifests',
				name: 'outputFailedManifests',
				type: 'boolean',
				default: false,
				description:
					'Whether to output consignments not manifested (Manifested false, with FailureReason) instead of failing',
			},
		],
	},
];
