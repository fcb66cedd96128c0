// The demo banner's word on which consignment references a user may try, and the fresh ones it
// offers. Plain CommonJS so that jest checks each claim against the simulator (test/integration/demoBanner.test.ts).
'use strict';

const GROUP_CHARACTERS = '0123456789ABCDE';

/** Well-formed references nobody has used; no last group starts with F (those never allocate). */
function freshReferences(count, random = Math.random) {
	const group = () =>
		Array.from(
			{ length: 3 },
			() => GROUP_CHARACTERS[Math.floor(random() * GROUP_CHARACTERS.length)],
		).join('');
	return Array.from({ length: count }, () => `EC-${group()}-${group()}-${group()}`);
}

/** The banner's lines about references, each indented by one space as the banner is. */
function referencesToTry({ fresh, seeded, ineligible }) {
	return [
		' References to try: any EC-xxx-xxx-xxx not used yet is created on first use and can be',
		` allocated once, e.g. ${fresh.join(', ')}.`,
		` ${seeded.join(' and ')} belong to the example: once it has run they are`,
		' allocated with Royal Mail (a re-run reports them as already allocated; another service fails).',
		` ${ineligible}, and any reference whose last group starts with F`,
		' (e.g. EC-000-000-F01), never allocate.',
	].join('\n');
}

module.exports = { freshReferences, referencesToTry };
