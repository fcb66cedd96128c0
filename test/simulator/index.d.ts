/**
 * SortedPRO (Electio) API simulator: a real HTTP server for tests, the e2e suite and the demo.
 *
 * Consignment rules (no setup needed):
 * - Seeded (when `seed` is true): `EC-000-05A-Z6S`, `EC-000-083-45D` (Unallocated, allocatable) and
 *   `EC-000-A04-0DV` (Unallocated, ineligible: "The carrier service cannot meet the delivery promise
 *   of this consignment"). See {@link SEEDED_REFS}.
 * - AUTO-CREATE: any other well-formed reference `EC-xxx-xxx-xxx` (x = `A-Z` or `0-9`, uppercase) that
 *   the simulator has not seen is created Unallocated on first use (GET or allocate) and is
 *   allocatable, EXCEPT when its last group starts with `F` (e.g. `EC-000-000-F01`): those are
 *   created ineligible with {@link AUTO_INELIGIBLE_REASON}. {@link makeConsignmentReference} makes
 *   such references. Malformed references are "not found".
 *
 * - CREATED: `POST /consignments` (API version 1.1 body, header `electio-api-version: 1.1`) stores a new
 *   Unallocated consignment `EC-200-nnn-nnn` with everything sent; it is allocatable like any other.
 *
 * API requests need the header `ocp-apim-subscription-key: <apiKey>`. Control endpoints under
 * `/__sim/` need no key and are never recorded (see test/simulator/README.md).
 */

export interface StartSimulatorOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** Default `127.0.0.1`. */
	host?: string;
	/** Default {@link DEFAULT_API_KEY}. */
	apiKey?: string;
	/** Pre-create the demo consignments (default true). Auto-create works either way. */
	seed?: boolean;
}

export interface RecordedRequest {
	method: string;
	/** As sent, without the query string and not URL-decoded. */
	path: string;
	query: Record<string, string>;
	/** Lower-cased header names, as Node reports them. */
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON body, or undefined when empty or not JSON. */
	body: unknown;
	rawBody: string;
	/** Arrival time, ms since the epoch. */
	at: number;
}

export interface Behaviour {
	/**
	 * `GET /carrierservices`: `'wrapper'` (default) `{ ErrorMessage, Success, MpdCarrierServices }`,
	 * `'bareArray'` just the array, `'notFound'` 404 with a PRO error body, `'empty'` wrapper with [].
	 * Allocation does not depend on this: a typed-in service reference always works.
	 */
	carrierServices: 'wrapper' | 'bareArray' | 'notFound' | 'empty';
	/**
	 * How a consignment that cannot be allocated shows up in the allocate answer:
	 * - `'omit'` (default): missing from the 200 array.
	 * - `'statusCode'`: an entry `{ StatusCode, ApiLinks: [detail], Description }` with no carrier
	 *   fields; StatusCode 404 (consignment not found), 409 (wrong state) or 422 (ineligible).
	 * - `'badRequest'`: if any consignment fails, the whole request answers 400 with
	 *   `Details[i] = { Target: 'ConsignmentReferences[n]', Message: reason }` and NOTHING changes
	 *   (ineligible consignments are not moved to AllocationFailed either).
	 * In every style an ineligible consignment otherwise becomes `AllocationFailed` with `FailedAllocation`.
	 */
	allocationFailure: 'omit' | 'statusCode' | 'badRequest';
	/** When true the allocate call answers 202 with an empty body and eligible consignments go to `Allocating`. */
	allocationAccepted: boolean;
	/** When false, allocation summaries have no `ApiLinks` key at all (default true). */
	summaryLinks: boolean;
	/** Delay before every API answer, in ms (default 0). */
	delayMs: number;
	/** Search Consignments' `Count`: `'total'` (default) matches, or `'page'`: this page's size. */
	searchCount: 'total' | 'page';
	/** The largest page Search Consignments serves; a larger `take` is silently cut (default 100). */
	searchMaxTake: number;
	/**
	 * `GET /consignments/getConsignmentReferences?referenceProvidedByCustomer=X` (how PRO matches is
	 * UNKNOWN): `'exact'` (default) lists consignments whose customer reference is X, `[]` when none;
	 * `'partial'` lists those whose customer reference contains X; `'notFound'` is exact but answers
	 * 404 when none match.
	 */
	customerReferenceSearch: 'exact' | 'partial' | 'notFound';
	/**
	 * How `PUT /consignments/deallocatelist` and `/cancellist` answer a consignment they refuse
	 * (not found, or a state that does not allow it):
	 * - `'message'` (default): `{ IsSuccess: false, Message: reason, Data: ref, ApiLinks: null }`.
	 * - `'omit'`: left out of the 200 array.
	 * - `'badRequest'`: the whole request answers 400 with `Details[i] = { Target: '[n]', Message }`
	 *   and NOTHING changes.
	 */
	listFailure: 'message' | 'omit' | 'badRequest';
	/** How long a quote from `GET /quotes/consignment/{ref}` stays valid, in ms (default a day; 0: expired at once). */
	quoteLifetimeMs: number;
}

/**
 * What a fault does:
 * - `'respond'` (default): answers `status`, `headers`, `body` instead of the API;
 * - `'reset'`: destroys the connection without an answer;
 * - `'hang'`: never answers (the client times out; close() ends the socket);
 * - `'pass'`: the real answer (useful with `dripMs` or `delayMs`);
 * - `'truncate'`: the real answer (the request IS handled), its body cut in half;
 * - `'duplicates'`: the real answer with each entry of its list (top-level array, or the first
 *   array field of an object) repeated;
 * - `'otherReferences'`: every `EC-xxx-xxx-xxx` in the path and body is swapped for another
 *   (`EC-000-05A-Z6S` → `EC-900-05A-Z6S`) and that request is handled: the asked consignments do
 *   not change and the answer is about the others.
 */
export type FaultAction =
	| 'respond'
	| 'reset'
	| 'hang'
	| 'pass'
	| 'truncate'
	| 'duplicates'
	| 'otherReferences';

export interface Fault {
	/** Matches any method when omitted; case-insensitive. */
	method?: string;
	/** Case-insensitive prefix of the request path (e.g. `'/carrierservices'`); any path when omitted. */
	path?: string;
	/** Default `'respond'`. */
	action?: FaultAction;
	/**
	 * For `'respond'`, `'reset'`, `'hang'`: handle the request for real first (state changes), so
	 * the client sees a failure for work that was done. Default false.
	 */
	apply?: boolean;
	/** Write the answer's body in ten pieces this many ms apart (a slow drip). */
	dripMs?: number;
	/** Required for `'respond'`, refused for the other actions. */
	status?: number;
	headers?: Record<string, string | number>;
	/**
	 * Object/array/number/null → sent as JSON; string → sent raw (`''` for an empty body).
	 * Omitted → a fresh PRO error body for status >= 400, else an empty body.
	 */
	body?: unknown;
	/** Default `application/json; charset=utf-8`, even for raw string bodies. */
	contentType?: string;
	/** Overrides `behaviour.delayMs` for this answer. */
	delayMs?: number;
	/** How many matching requests it answers (default 1); `Infinity` for all. */
	times?: number;
	/** How many matching requests to let through untouched first (default 0), e.g. 1 to fail a second request. */
	after?: number;
}

export interface InjectedFault {
	method?: string;
	path?: string;
	action: FaultAction;
	apply: boolean;
	dripMs?: number;
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
	contentType?: string;
	delayMs?: number;
	remaining: number;
	skip: number;
}

export interface ConsignmentSeed {
	reference: string;
	/** A state name such as `'Unallocated'` (default), `'Allocated'`, `'Manifested'`. */
	state?: string;
	/** When set, every allocation attempt fails with this reason. */
	ineligibleReason?: string;
}

/** The consignment as `GET /consignments/{ref}` returns it (extra fields omitted here). */
export interface Consignment {
	Reference: string;
	ConsignmentState: string;
	Allocation: Record<string, unknown> | null;
	FailedAllocation: {
		MpdCarrierServiceReference: string;
		MpdCarrierServiceName: string;
		AttemptedAllocationDate: string;
		Message: string;
	} | null;
	Packages: Array<{ Reference: string; [key: string]: unknown }>;
	[key: string]: unknown;
}

export interface Simulator {
	/** e.g. `http://127.0.0.1:41234`, no trailing slash. */
	readonly url: string;
	readonly apiKey: string;
	readonly port: number;
	/** Recorded API requests (not control calls), including rejected ones. Live array. */
	readonly requests: RecordedRequest[];
	/** A copy; change it with setBehaviour(). */
	readonly behaviour: Behaviour;
	clearRequests(): void;
	/** Back to defaults: behaviour, faults cleared, consignments re-seeded, requests cleared. */
	reset(): void;
	/** Throws on unknown fields or values. Returns the new behaviour. */
	setBehaviour(partial: Partial<Behaviour>): Behaviour;
	/** Queue a fault; checked before auth and normal handling, first match in the order added. */
	inject(fault: Fault): InjectedFault;
	clearFaults(): void;
	/** Creates or replaces a consignment. Returns it as the API would. */
	addConsignment(consignment: ConsignmentSeed): Consignment;
	/** The stored consignment, or undefined. Never auto-creates. */
	getConsignment(reference: string): Consignment | undefined;
	/**
	 * A simulated carrier event: moves the consignment (auto-creating a well-formed unknown
	 * reference) to `state` and records when, for Search Consignments' date window. `at` (ms or
	 * ISO) back-dates the change; `reason` words an AllocationFailed or ManifestFailed. The
	 * state's own fields follow (FailedAllocation, Allocation, DateDelivered...). Throws on a
	 * malformed state name. Also `POST /__sim/consignments/{ref}/state` and `cli.js set-state`.
	 */
	setConsignmentState(
		reference: string,
		state: string,
		options?: { reason?: string; at?: number | string },
	): Consignment;
	/** Closes the server and every open socket. */
	close(): Promise<void>;
}

export function startSimulator(options?: StartSimulatorOptions): Promise<Simulator>;

/** Fault presets; each access returns a fresh object, spread to override (`{ ...faults.serverError, times: 2 }`). */
export const faults: {
	/** 401 with the gateway body `{ statusCode: 401, message: 'Access denied due to invalid subscription key. ...' }`. */
	readonly gateway401: Fault;
	/**
	 * 429 with a `Retry-After` header and the gateway body
	 * `{ statusCode: 429, message: 'Rate limit is exceeded. Try again in N seconds.' }`.
	 */
	throttled(retryAfterSeconds?: number): Fault;
	/** 500 with a PRO error body including a CorrelationId. */
	readonly serverError: Fault;
	/** The given status (default 500) with an empty body but a JSON content type. */
	emptyBody(status?: number): Fault;
	/** The given status (default 502) with an HTML page, `text/html`. */
	nonJson(status?: number): Fault;
	/** A maintenance page in HTML with the given status (default 200). */
	htmlPage(status?: number): Fault;
	/** 429 with the gateway body and no `Retry-After` header. */
	readonly throttledNoRetryAfter: Fault;
	/** The given 5xx (default 500) with a PRO error body including a CorrelationId. */
	serverFault(status?: number): Fault;
	/** `{ action: 'reset' }`: the connection is reset; add `apply: true` to handle the request first. */
	readonly connectionReset: Fault;
	/** `{ action: 'hang' }`: no answer; add `apply: true` to handle the request first. */
	readonly noAnswer: Fault;
	/** `{ action: 'pass', dripMs }` (default 100 ms): the real answer, slowly. */
	slowDrip(dripMs?: number): Fault;
	/** `{ action: 'truncate' }`: the real answer cut in half (the request is handled). */
	readonly truncatedJson: Fault;
	/** `{ action: 'otherReferences' }`: handled and answered for other references than asked. */
	readonly otherReferences: Fault;
	/** `{ action: 'duplicates' }`: the real answer with every list entry twice. */
	readonly duplicates: Fault;
	/** 200 with an empty body; nothing is handled. */
	readonly empty200: Fault;
};

export const DEFAULT_API_KEY: string;
export const API_KEY_HEADER: 'ocp-apim-subscription-key';
export const DEFAULT_BEHAVIOUR: Readonly<Behaviour>;
/** More references than this in one allocate request answer 400 `TooManyConsignments`. */
export const MAX_REFERENCES_PER_REQUEST: number;

export const CARRIER_SERVICE_REFS: {
	/** `MPD_RMDTPS48HNAUT`, Royal Mail Tracked 48, Status 3 (Enabled). */
	readonly royalMailTracked48: string;
	/** `MPD_DPDNDPARCEL`, DPD Next Day, Type `'Scheduled, DropOff'`. */
	readonly dpdNextDay: string;
	/** `EDC5_UPSHEXDCS`, UPS Express Saver, Status 0 (Available). */
	readonly upsExpressSaver: string;
	/** `MPD_PFEXP24`, Parcelforce express24, Status `'Disabled'` (a string): allocation answers 400. */
	readonly parcelforceExpress24Disabled: string;
};

export interface MpdCarrierService {
	Reference: string;
	Name: string;
	Description: string;
	MpdCarrierReference: string;
	CarrierName: string;
	CarrierAccountOwner: string | null;
	Status: number | string;
	Journey: Array<Record<string, unknown>>;
	Source: number;
	Type: string;
	IsConfigured: boolean;
	IsCached: boolean;
}

export const SEED_CARRIER_SERVICES: ReadonlyArray<Readonly<MpdCarrierService>>;
/**
 * `GET /shippinglocations`: `SL-MAIN-WAREHOUSE` (Manchester M17 1RY) and `SL-RETURNS` (Leeds LS11 5AB),
 * with the contract's flat address fields and, as first seeded, a nested `Address`. Create Consignment
 * accepts only these as `ShippingLocationReference`.
 */
export const SEED_SHIPPING_LOCATIONS: ReadonlyArray<
	Readonly<{
		Id: number;
		Reference: string;
		Name: string;
		ShippingLocationType: string;
		Town: string;
		Postcode: string;
		IsActive: boolean;
		Address: Record<string, unknown>;
		[key: string]: unknown;
	}>
>;
/** `GET /packagesizes`: `SMALL-BOX` (30 x 20 x 10 cm, 2 kg, the default) and `LARGE-BOX`. */
export const SEED_PACKAGE_SIZES: ReadonlyArray<
	Readonly<{
		Reference: string;
		Description: string;
		CustomerReference: string;
		Length: number;
		Width: number;
		Height: number;
		Weight: number;
		IsDefault: boolean;
	}>
>;
export const SEED_CONSIGNMENTS: ReadonlyArray<Readonly<ConsignmentSeed>>;
export const SEEDED_REFS: {
	/** `['EC-000-05A-Z6S', 'EC-000-083-45D']` */
	readonly allocatable: readonly string[];
	/** `'EC-000-A04-0DV'` */
	readonly ineligible: string;
};
export const SEEDED_INELIGIBLE_REASON: string;
/** The reason given for auto-created references whose last group starts with `F`. */
export const AUTO_INELIGIBLE_REASON: string;

export function isWellFormedReference(reference: unknown): boolean;
/** True for well-formed references whose last group starts with `F`. */
export function isAutoIneligibleReference(reference: unknown): boolean;
/**
 * A deterministic reference that is not seeded: allocatable `EC-100-nnn-nnn` (0 <= n < 1e6), or with
 * `{ ineligible: true }` one ending in `F` + two digits (0 <= n < 1e7). Distinct n give distinct references.
 */
export function makeConsignmentReference(n: number, options?: { ineligible?: boolean }): string;

/** The seeded carrier service groups of `GET /servicegroups` (a bare array). */
export const SERVICE_GROUP_REFS: {
	/** `valuableGoods`, enabled: allocates with UPS Express Saver (its only enabled service). */
	readonly valuableGoods: string;
	/** `SGREF01`, enabled: Royal Mail Tracked 48 and DPD Next Day; allocates with DPD (cheaper). */
	readonly standardUk: string;
	/** `OLD-GROUP`, `IsEnabled: false`: allocation answers 400 `ServiceGroupDisabled`. */
	readonly disabled: string;
};
export const SEED_SERVICE_GROUPS: ReadonlyArray<
	Readonly<{ Reference: string; Name: string; IsEnabled: boolean; [key: string]: unknown }>
>;
/** The service `PUT /allocation/allocate` (the "allocation rules") allocates with: `MPD_RMDTPS48HNAUT`. */
export const RULES_SERVICE: string;
