/**
 * What the node does when an option is not set, and the bounds of what it accepts. The node's UI
 * (actions/versionDescription.ts) shows these; the code that reads the options falls back to them.
 */

export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 20;

export const DEFAULT_TIMEOUT_SECONDS = 120;
/** An hour: far beyond any read, and well inside what a timer can count (about 24 days). */
export const MAX_TIMEOUT_SECONDS = 3600;

export const DEFAULT_MAX_RETRIES = 3;
export const MAX_RETRIES = 10;

export const DEFAULT_MAX_FILE_SIZE_MB = 10;
