/**
 * Reading SortedPRO's carrier service groups (`GET /servicegroups`), whose JSON shape was never
 * published (only the 2016 contract `{Reference, Name, IsEnabled, ...}`), and wording a refusal
 * that is about the group rather than the consignments.
 */

export type ServiceGroup = Record<string, unknown>;

/** What a group reference may look like: a Service Group Code such as `valuableGoods`. */
export const SERVICE_GROUP_REFERENCE = /^[A-Za-z0-9_.:\- ]{1,100}$/;

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(entry: Record<string, unknown>, name: string): string {
	const key = Object.keys(entry).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	const value = key === undefined ? undefined : entry[key];
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** A bare array, or any wrapper object holding one array of groups. */
export function extractServiceGroups(body: unknown): ServiceGroup[] {
	if (Array.isArray(body)) return body.filter(isObject);
	if (!isObject(body)) return [];
	const arrays = Object.values(body).filter(Array.isArray) as unknown[][];
	if (arrays.length === 1) return arrays[0].filter(isObject);
	return [];
}

export function isDisabledGroup(group: ServiceGroup): boolean {
	const key = Object.keys(group).find((candidate) => candidate.toLowerCase() === 'isenabled');
	return key !== undefined && (group[key] === false || group[key] === 'false');
}

export interface ServiceGroupChoice {
	name: string;
	value: string;
}

/** "Valuable goods - valuableGoods"; disabled groups say so first, so the marker is never cut off. */
export function toServiceGroupChoice(group: ServiceGroup): ServiceGroupChoice | undefined {
	const reference = field(group, 'Reference');
	if (!reference) return undefined;
	const name = field(group, 'Name');
	const label = name && name !== reference ? `${name} - ${reference}` : reference;
	return { name: isDisabledGroup(group) ? `[disabled] ${label}` : label, value: reference };
}

/** Every word of the filter in the name or the reference, ignoring case. */
export function matchesGroupFilter(group: ServiceGroup, filter: string | undefined): boolean {
	const words = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	const haystack = `${field(group, 'Reference')} ${field(group, 'Name')}`.toLowerCase();
	return words.every((word) => haystack.includes(word));
}

/** The picker's order: enabled groups first, then by name. */
export function compareGroups(a: ServiceGroup, b: ServiceGroup): number {
	const disabled = Number(isDisabledGroup(a)) - Number(isDisabledGroup(b));
	if (disabled !== 0) return disabled;
	return (field(a, 'Name') || field(a, 'Reference')).localeCompare(
		field(b, 'Name') || field(b, 'Reference'),
	);
}

/**
 * For a refused allocate-with-service-group request that blames no consignment: whether it is
 * about the group (its message or a detail names the group), and what to do either way.
 */
export function describeGroupRefusal(
	statusCode: number,
	body: unknown,
	group: string,
): { message?: string; hint: string } {
	const hint =
		`Check the carrier service group: pick it from the list, or enter its ` +
		`Service Group Code exactly as SortedPRO shows it under Settings > ` +
		`Carrier Service Groups (${group} was sent).`;
	const texts: string[] = [];
	if (isObject(body)) {
		texts.push(field(body, 'Message'), field(body, 'Code'));
		const details = Object.entries(body).find(([key]) => key.toLowerCase() === 'details')?.[1];
		if (Array.isArray(details))
			for (const entry of details.filter(isObject))
				texts.push(field(entry, 'Target'), field(entry, 'Message'), field(entry, 'Code'));
	} else if (typeof body === 'string') texts.push(body);
	const aboutGroup = texts.some((entry) => /group/i.test(entry));
	if (!aboutGroup && statusCode !== 404) return { hint };
	return {
		message: `Carrier service group ${group} was not found in SortedPRO, or cannot be used`,
		hint,
	};
}
