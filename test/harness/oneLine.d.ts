/** Why `description` does not read as one line once n8n replaces its line breaks, or undefined. */
export function oneLineProblem(description: unknown): string | undefined;
/** The same for an error: its message must be one line, its description read as one line. */
export function errorReadingProblem(error: unknown): string | undefined;
export function readsAsOneLine(description: unknown): boolean;
