/** Well-formed references nobody has used, none of which the simulator refuses to allocate. */
export function freshReferences(count: number, random?: () => number): string[];
/** The demo banner's lines about which references to try. */
export function referencesToTry(references: {
	fresh: string[];
	seeded: readonly string[];
	ineligible: string;
}): string;
