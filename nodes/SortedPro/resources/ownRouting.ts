import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

export type PaginationFunction = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/**
 * The routing of an operation whose pagination function sends its requests itself, through our
 * transport (so that no transport error carries the key: docs/adr/0001) or the bulk engine
 * (docs/adr/0002). `request` names the endpoint for readers of the description.
 */
export function ownRouting(
	request: INodePropertyRouting['request'],
	pagination: PaginationFunction,
): INodePropertyRouting {
	return { request, send: { paginate: true }, operations: { pagination } };
}
