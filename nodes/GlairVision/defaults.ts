/**
 * What the node does when an option is not set, and the bounds of what it accepts. The node's UI
 * (description/) shows these; the code that reads the options falls back to them.
 */

export const DEFAULT_CONCURRENCY = 5;
/**
 * Enough to use a rate limit whole (about limit × read time in flight, docs/reference.md "Speed and memory");
 * each document in flight holds its upload (up to Max File Size) in memory.
 */
export const MAX_CONCURRENCY = 50;
/** Concurrency Auto never has more documents in flight on a key than this, whatever it learns. */
export const MAX_AUTO_CONCURRENCY = 100;
/**
 * Upload bytes Concurrency Auto lets be in flight per run: 25 scans at the default Max File Size
 * (10 MB), enough for a limit of 10 a second at 2 s reads (20 in flight); scans of 1–2 MB reach
 * the hard cap first. Beside n8n's own few hundred MB, it fits a 1 GB container.
 */
export const DEFAULT_MEMORY_BUDGET_MB = 256;

export const DEFAULT_TIMEOUT_SECONDS = 120;
/** An hour: far beyond any read, and well inside what a timer can count (about 24 days). */
export const MAX_TIMEOUT_SECONDS = 3600;

export const DEFAULT_MAX_RETRIES = 3;
export const MAX_RETRIES = 10;
/**
 * Whether a document GLAIR may have read (and billed) without an answer arriving is sent again:
 * a manual re-run costs the same read, and a lost read costs a person's time.
 */
export const DEFAULT_RESEND_MAYBE_READ = true;

export const DEFAULT_MAX_FILE_SIZE_MB = 10;

/** What Minimum Confidence (0–100) starts at once added; unset, nothing is routed to review. */
export const DEFAULT_MIN_CONFIDENCE = 80;
