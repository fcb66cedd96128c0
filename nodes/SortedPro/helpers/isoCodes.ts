/**
 * ISO 3166-1 alpha-2 country codes and ISO 4217 currency codes, so that a mistyped or mis-mapped
 * code is caught before SortedPRO is asked (it would answer a 400 with little to go on).
 */

const COUNTRIES =
	'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS ' +
	'BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE ' +
	'EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM ' +
	'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC ' +
	'LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
	'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
	'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO ' +
	'TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK';

const CURRENCIES =
	'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN ' +
	'BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS ' +
	'GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW ' +
	'KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD ' +
	'NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD ' +
	'SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES ' +
	'VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG';

/**
 * Countries with no postcode system (the usual list of address-validation services): a
 * destination there needs no postcode.
 */
const WITHOUT_POSTCODES =
	'AE AG AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GQ GY HK KI KM KN ' +
	'KP LC ML MO MR MW NR NU QA RW SB SC SL SR ST SY TD TF TG TK TL TO TV UG VU YE ZW';

export const COUNTRY_CODES: ReadonlySet<string> = new Set(COUNTRIES.split(' '));
export const CURRENCY_CODES: ReadonlySet<string> = new Set(CURRENCIES.split(' '));
export const COUNTRIES_WITHOUT_POSTCODES: ReadonlySet<string> = new Set(
	WITHOUT_POSTCODES.split(' '),
);

/** "UK" is what people type for Great Britain; ISO reserves it for exactly that meaning. */
const COUNTRY_ALIASES: Record<string, string> = { UK: 'GB' };

/** The ISO 3166-1 alpha-2 code for what was given (any case, trimmed), or undefined. */
export function countryCode(value: string): string | undefined {
	const code = value.trim().toUpperCase();
	const resolved = COUNTRY_ALIASES[code] ?? code;
	return COUNTRY_CODES.has(resolved) ? resolved : undefined;
}

/** The ISO 4217 code for what was given (any case, trimmed), or undefined. */
export function currencyCode(value: string): string | undefined {
	const code = value.trim().toUpperCase();
	return CURRENCY_CODES.has(code) ? code : undefined;
}
