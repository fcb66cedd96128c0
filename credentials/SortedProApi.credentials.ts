import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	PRODUCTION_BASE_URL,
	SANDBOX_BASE_URL,
	UnsafeBaseUrlError,
	baseUrlFor,
	baseUrlShapeReason,
	requestTarget,
	unsafeBaseUrlReason,
} from '../nodes/SortedPro/helpers/baseUrl';

export class SortedProApi implements ICredentialType {
	name = 'sortedProApi';

	displayName = 'SortedPRO API';

	icon: Icon = {
		light: 'file:../nodes/SortedPro/sortedpro.svg',
		dark: 'file:../nodes/SortedPro/sortedpro.dark.svg',
	};

	documentationUrl = 'https://docs.sorted.com/pro/api/help/introduction.html';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The API key of your SortedPRO user: in SortedPRO open Settings > ' +
				'Users & Roles > User Accounts, edit your user and click Show API Key',
			hint:
				'In SortedPRO: Settings > Users & Roles > User Accounts, edit your ' +
				'user, then Show API Key. Each user has their own key.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: PRODUCTION_BASE_URL,
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: `${SANDBOX_BASE_URL} (separate account and key, UI at websandbox.electioapp.com)`,
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'A proxy in front of SortedPRO, or the local SortedPRO simulator',
				},
			],
			default: 'production',
			description: 'Which SortedPRO the key belongs to: sandbox and production keys differ',
			hint: 'Sandbox and production are separate accounts: a key works only in its own.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://sortedpro-proxy.example.com',
			required: true,
			description: 'Must use https, except for this machine (localhost, 127.0.0.1, ::1)',
			hint:
				'Must start with https:// (http:// only for this machine: localhost, ' +
				'127.0.0.1, ::1), so the key never travels in clear text. The address ' +
				'of the API only, without a path.',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];

	/**
	 * A function rather than a generic header block, so that every request, the credential test
	 * and the HTTP Request node included, is checked before the key is attached: it must never go
	 * to a remote host over plain http. Redirects are not followed, because n8n keeps custom
	 * headers such as the key on every hop, wherever the hop goes.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { uri } = requestOptions as IHttpRequestOptions & { uri?: string };
		// The SortedPRO node sends paths and leaves the base URL to the credential: as a request
		// default it would be an expression n8n evaluates twice for every item (docs/adr/0004).
		const baseURL =
			requestOptions.baseURL ?? baseUrlFor(credentials.environment, credentials.baseUrl);
		const target = requestTarget(baseURL, requestOptions.url, uri);
		const viaProxy = Boolean(requestOptions.proxy);
		const reason = unsafeBaseUrlReason(target, viaProxy) ?? baseUrlShapeReason(baseURL);
		if (reason) {
			// Worded on the base URL the user typed, not on the address with the request's path.
			const typed = target === requestOptions.url || target === uri ? undefined : baseURL;
			throw new UnsafeBaseUrlError((typed && unsafeBaseUrlReason(typed, viaProxy)) || reason);
		}
		return {
			...requestOptions,
			baseURL,
			disableFollowRedirect: true,
			maxRedirects: 0,
			// The legacy request options of the HTTP Request node name it this way.
			...({ followRedirect: false, followAllRedirects: false } as object),
			headers: {
				...requestOptions.headers,
				// A key pasted with a stray space or line break would otherwise fail inside Node.
				'ocp-apim-subscription-key': String(credentials.apiKey ?? '').trim(),
				'electio-api-version': '1.1',
				accept: 'application/json',
			},
		};
	}

	// The test is the node's credential test method (testedBy: nodes/SortedPro/credentialTest/),
	// which words every outcome; a `test` request here would take precedence over it.
}
