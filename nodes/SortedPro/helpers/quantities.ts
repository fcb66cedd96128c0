/**
 * Numbers as shops, spreadsheets and people write them: "1,5", "2 kg", "500g", "£12.50",
 * "1.234,50". What is unambiguous is understood and converted; what could mean two things is
 * rejected with a reason, never guessed.
 *
 * Separator rules: a dot alone is a decimal point ("1.500" is 1.5, as in JSON and most shop
 * exports); a comma alone is a decimal comma ("1,5" is 1.5) unless exactly three digits follow it
 * ("1,500" could be 1.5 or 1500, so it is rejected); with both, the last one is the decimal
 * separator and the other must group thousands ("1.234,5" and "1,234.5" are 1234.5); a separator
 * used more than once groups thousands ("1,500,000").
 */

export type WeightUnit = 'Kg' | 'G' | 'Lb' | 'Oz';
export type DimensionUnit = 'Cm' | 'Mm' | 'M' | 'In';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const WEIGHT_UNITS: Record<string, WeightUnit> = {
	kg: 'Kg',
	kgs: 'Kg',
	kilo: 'Kg',
	kilos: 'Kg',
	kilogram: 'Kg',
	kilograms: 'Kg',
	kilogramme: 'Kg',
	kilogrammes: 'Kg',
	g: 'G',
	gr: 'G',
	grs: 'G',
	gram: 'G',
	grams: 'G',
	gramme: 'G',
	grammes: 'G',
	lb: 'Lb',
	lbs: 'Lb',
	pound: 'Lb',
	pounds: 'Lb',
	oz: 'Oz',
	ounce: 'Oz',
	ounces: 'Oz',
};

const DIMENSION_UNITS: Record<string, DimensionUnit> = {
	cm: 'Cm',
	cms: 'Cm',
	centimetre: 'Cm',
	centimetres: 'Cm',
	centimeter: 'Cm',
	centimeters: 'Cm',
	mm: 'Mm',
	millimetre: 'Mm',
	millimetres: 'Mm',
	millimeter: 'Mm',
	millimeters: 'Mm',
	m: 'M',
	metre: 'M',
	metres: 'M',
	meter: 'M',
	meters: 'M',
	in: 'In',
	inch: 'In',
	inches: 'In',
	'"': 'In',
};

/** Kilograms per unit. SortedPRO documents only Kg, so every weight is sent in Kg. */
const KG_PER: Record<WeightUnit, number> = { Kg: 1, G: 0.001, Lb: 0.45359237, Oz: 0.028349523125 };
/** Centimetres per unit. SortedPRO documents only Cm, so every dimension is sent in Cm. */
const CM_PER: Record<DimensionUnit, number> = { Cm: 1, Mm: 0.1, M: 100, In: 2.54 };

const CURRENCY_SYMBOLS: Record<string, string> = { '£': 'GBP', '€': 'EUR', '¥': 'JPY' };

/** A unit name as people write it ("kgs", "Grams", "LB") to the node's unit, or undefined. */
export function weightUnitOf(text: string): WeightUnit | undefined {
	return WEIGHT_UNITS[text.trim().toLowerCase().replace(/\.$/, '')];
}

export function dimensionUnitOf(text: string): DimensionUnit | undefined {
	return DIMENSION_UNITS[text.trim().toLowerCase().replace(/\.$/, '')];
}

/** Rounds away floating-point noise (0.1 + 0.2) without losing a gram or a millimetre. */
function tidy(value: number): number {
	return Number(value.toFixed(6));
}

export function toKg(value: number, unit: WeightUnit): number {
	return tidy(value * KG_PER[unit]);
}

export function toCm(value: number, unit: DimensionUnit): number {
	return tidy(value * CM_PER[unit]);
}

function groupsThousands(integerPart: string, separator: string): boolean {
	const groups = integerPart.split(separator);
	return /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((group) => /^\d{3}$/.test(group));
}

/** A decimal written with dots and/or commas, by the rules at the top of this file. */
export function parseDecimal(text: string): Parsed<number> {
	const raw = text.trim();
	const sign = raw.startsWith('-') ? -1 : 1;
	const digits = raw.replace(/^[+-]/, '');
	if (!/^[\d.,]+$/.test(digits) || !/\d/.test(digits))
		return { ok: false, reason: 'is not a number' };
	const dots = digits.split('.').length - 1;
	const commas = digits.split(',').length - 1;
	let normalised: string;
	if (dots === 0 && commas === 0) {
		normalised = digits;
	} else if (dots > 0 && commas > 0) {
		const decimal = digits.lastIndexOf('.') > digits.lastIndexOf(',') ? '.' : ',';
		const grouping = decimal === '.' ? ',' : '.';
		const at = digits.lastIndexOf(decimal);
		const integerPart = digits.slice(0, at);
		const fraction = digits.slice(at + 1);
		if (
			digits.split(decimal).length - 1 !== 1 ||
			!groupsThousands(integerPart, grouping) ||
			!/^\d+$/.test(fraction)
		)
			return { ok: false, reason: 'mixes dots and commas in a way that is not a number' };
		normalised = `${integerPart.split(grouping).join('')}.${fraction}`;
	} else {
		const separator = dots > 0 ? '.' : ',';
		const count = dots + commas;
		if (count > 1) {
			if (!groupsThousands(digits, separator))
				return { ok: false, reason: `has ${count} "${separator}" separators and is not a number` };
			normalised = digits.split(separator).join('');
		} else {
			const [integerPart, fraction] = digits.split(separator);
			if (!/^\d+$/.test(fraction) || (integerPart !== '' && !/^\d+$/.test(integerPart)))
				return { ok: false, reason: 'is not a number' };
			if (separator === ',' && fraction.length === 3 && /^[1-9]\d{0,2}$/.test(integerPart)) {
				const asDecimal = Number(`${integerPart}.${fraction}`);
				return {
					ok: false,
					reason:
						`is ambiguous: it could be ${asDecimal} or ${integerPart}${fraction}; ` +
						`write it with a dot as the decimal point (e.g. ${asDecimal}) or ` +
						`without separators (e.g. ${integerPart}${fraction})`,
				};
			}
			normalised = `${integerPart || '0'}.${fraction}`;
		}
	}
	const value = sign * Number(normalised);
	return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'is not a number' };
}

interface Measured<U> {
	amount: number;
	/** The unit written in the value itself ("2 kg"), when there is one. */
	unit?: U;
}

/** A number, or a string of a number with an optional unit after it ("2 kg", "300mm", '12"'). */
function parseMeasured<U>(
	raw: unknown,
	unitOf: (text: string) => U | undefined,
	kind: string,
): Parsed<Measured<U>> {
	if (typeof raw === 'number') {
		return Number.isFinite(raw)
			? { ok: true, value: { amount: raw } }
			: { ok: false, reason: 'is not a number' };
	}
	if (typeof raw !== 'string') return { ok: false, reason: 'is not a number' };
	const match = /^\s*([+-]?[\d.,]+)\s*([^\d\s.,][^\d]*?)?\s*$/.exec(raw);
	if (!match) return { ok: false, reason: 'is not a number' };
	let unit: U | undefined;
	if (match[2] !== undefined) {
		unit = unitOf(match[2]);
		if (unit === undefined)
			return { ok: false, reason: `has a unit "${match[2].trim()}" that is not a ${kind} unit` };
	}
	const amount = parseDecimal(match[1]);
	return amount.ok ? { ok: true, value: { amount: amount.value, unit } } : amount;
}

/**
 * A weight in kilograms. `defaultUnit` applies unless the value names its own unit ("500 g"),
 * which is more specific than the field's setting.
 */
export function parseWeightKg(raw: unknown, defaultUnit: WeightUnit): Parsed<number> {
	const parsed = parseMeasured(raw, weightUnitOf, 'weight');
	if (!parsed.ok) return parsed;
	const { amount, unit } = parsed.value;
	if (!(amount > 0)) return { ok: false, reason: 'is not a positive number' };
	return { ok: true, value: toKg(amount, unit ?? defaultUnit) };
}

/** A length, width or height in centimetres; see parseWeightKg for the unit rule. */
export function parseDimensionCm(raw: unknown, defaultUnit: DimensionUnit): Parsed<number> {
	const parsed = parseMeasured(raw, dimensionUnitOf, 'length');
	if (!parsed.ok) return parsed;
	const { amount, unit } = parsed.value;
	if (!(amount > 0)) return { ok: false, reason: 'is not a positive number' };
	return { ok: true, value: toCm(amount, unit ?? defaultUnit) };
}

export interface Money {
	amount: number;
	/** The currency written in the value ("£12.50", "12.50 EUR"), when there is one. */
	currency?: string;
}

/**
 * A money amount, zero or more, optionally with a currency symbol or code before or after it. "$"
 * alone names no currency (US, Canadian, Australian...), so it only passes with a dollar currency.
 */
export function parseMoney(raw: unknown): Parsed<Money> {
	if (typeof raw === 'number') {
		if (!Number.isFinite(raw)) return { ok: false, reason: 'is not a number' };
		return raw >= 0 ? { ok: true, value: { amount: raw } } : { ok: false, reason: 'is negative' };
	}
	if (typeof raw !== 'string') return { ok: false, reason: 'is not a number' };
	const match = /^\s*([A-Za-z]{3}|[£€¥$])?\s*([+-]?[\d.,]+)\s*([A-Za-z]{3}|[£€¥$])?\s*$/.exec(raw);
	if (!match || (match[1] && match[3])) return { ok: false, reason: 'is not an amount of money' };
	const amount = parseDecimal(match[2]);
	if (!amount.ok) return amount;
	if (amount.value < 0) return { ok: false, reason: 'is negative' };
	const mark = match[1] ?? match[3];
	const currency =
		mark === undefined
			? undefined
			: (CURRENCY_SYMBOLS[mark] ?? (mark === '$' ? '$' : mark.toUpperCase()));
	return { ok: true, value: { amount: amount.value, currency } };
}
