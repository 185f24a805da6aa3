/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * n8n's Data tables (n8n 1.123 and 2.x: `n8n-nodes-base.dataTable`, the "Data tables" tab) as the
 * sandbox uses them in place of Google Sheets: which table each example writes to, with which
 * columns, and the REST calls that create tables, read their rows and run a workflow as the
 * editor's *Execute workflow* does. Every call goes through a signed-in session
 * (`RunningN8n.request` or anything with the same signature).
 */
import { ENDPOINTS, ROOT, isOperation } from '../../nodes/GlairVision/catalogue';
import { shapeRead } from '../../nodes/GlairVision/output';
import type { WorkflowJson } from '.';

/** What n8n's REST API needs from a session: RunningN8n.request, or a fetch carrying its cookie. */
export interface N8nRest {
	request(path: string, init?: RequestInit): Promise<Response>;
}

export type DataTableColumnType = 'string' | 'number' | 'boolean' | 'date';

export interface DataTableColumn {
	name: string;
	type: DataTableColumnType;
}

/** A table as an example needs it: its name in the Data tables tab, and its columns. */
export interface DataTableSpec {
	name: string;
	columns: DataTableColumn[];
}

/** A table that exists in n8n, as a Data Table node names it. */
export interface DataTableRef {
	id: string;
	name: string;
	projectId: string;
}

export const GOOGLE_SHEETS_TYPE = 'n8n-nodes-base.googleSheets';
export const DATA_TABLE_TYPE = 'n8n-nodes-base.dataTable';
/** n8n 1.123 knows version 1 only; 2.x also 1.1 (same insert parameters). */
export const DATA_TABLE_VERSION = 1;

/** A Google Sheets node that appends rows: the ones a data table can stand in for. */
export const isSheetsAppend = (node: Record<string, unknown>): boolean =>
	node.type === GOOGLE_SHEETS_TYPE &&
	(node.parameters as { operation?: unknown } | undefined)?.operation === 'append';

const strings = (...names: string[]): DataTableColumn[] =>
	names.map((name) => ({ name, type: 'string' }));

function nodeNamed(workflow: WorkflowJson, name: string): Record<string, unknown> {
	const node = workflow.nodes.find((each) => each.name === name);
	if (!node) throw new Error(`workflow "${workflow.name}" has no node "${name}"`);
	return node;
}

/**
 * The columns of the Record output of a GLAIR Vision node with these parameters, as the node makes
 * them (every documented field of every section, an empty string when unread). Typed by what the
 * column holds when nothing was read: text, a flag or a count. A text column also takes the numbers
 * some fields turn into once read (a normalised cylinder capacity), as a spreadsheet cell would.
 */
export function recordColumns(parameters: Record<string, unknown>): DataTableColumn[] {
	const operation = parameters.operation ?? 'readStnk';
	if (!isOperation(operation)) throw new Error(`no field catalogue for operation ${operation}`);
	if (parameters.output !== undefined && parameters.output !== 'record')
		throw new Error(`output ${String(parameters.output)} is not a record`);
	const options = (parameters.options ?? {}) as Record<string, unknown>;
	const endpoint = ENDPOINTS[operation];
	const sections = Object.fromEntries(
		endpoint.sections.filter((section) => section.key !== ROOT).map(({ key }) => [key, {}]),
	);
	const [item] = shapeRead(
		'record',
		{ body: {}, status: 'SUCCESS', reason: '', sections, requestId: '' },
		{
			endpoint,
			fileName: '',
			bpkbPage: 'all',
			includeConfidence: options.includeConfidence === true,
			quality: {
				normalise: options.normalise === true,
				validate: options.validate === true,
				minConfidence:
					options.minConfidence === undefined ? undefined : Number(options.minConfidence),
			},
		},
	);
	return Object.entries(item.json).map(([name, value]) => ({
		name,
		type: typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'string',
	}));
}

/**
 * The data table each example's Google Sheets step writes to in the sandbox, by example file, with
 * the columns the rows it appends have (a data table, unlike a sheet, refuses unknown columns).
 */
const EXAMPLE_TABLES: Record<string, (workflow: WorkflowJson) => DataTableSpec> = {
	'1-stnk-folder-to-sheets.json': (workflow) => ({
		name: 'GLAIR example 1 – STNK rows',
		columns: recordColumns(nodeNamed(workflow, 'Read STNK').parameters as Record<string, unknown>),
	}),
	'2-bpkb-email-review.json': (workflow) => ({
		name: 'GLAIR example 2 – BPKB rows',
		columns: recordColumns(nodeNamed(workflow, 'Read BPKB').parameters as Record<string, unknown>),
	}),
	// What "Tax per vehicle" (Summarize) makes of the tax rows: one row per file.
	'3-stnk-tax-summary.json': () => ({
		name: 'GLAIR example 3 – tax per vehicle',
		columns: [
			{ name: 'file_name', type: 'string' },
			{ name: 'sum_jumlah', type: 'number' },
			{ name: 'sum_pokok', type: 'number' },
			{ name: 'sum_sanksi_administratif', type: 'number' },
			{ name: 'concatenated_jenis_biaya', type: 'string' },
		],
	}),
	// The owner as each document gives it ("KTP owner", "STNK owner", "BPKB owner"), and "Compare the owner".
	'5-financing-application.json': () => ({
		name: 'GLAIR example 5 – applications',
		columns: strings(
			'ktp_file',
			'ktp_nama',
			'ktp_nik',
			'ktp_warnings',
			'stnk_file',
			'stnk_nama_pemilik',
			'stnk_nik',
			'stnk_plate',
			'stnk_warnings',
			'bpkb_file',
			'bpkb_nama_pemilik',
			'bpkb_nik',
			'bpkb_nomor',
			'bpkb_warnings',
			'differences',
		),
	}),
};

/**
 * The table an example's Google Sheets step becomes in the sandbox; undefined for an example that
 * appends nothing to Google Sheets. Throws for one that does but has no table here yet.
 */
export function exampleDataTable(file: string, workflow: WorkflowJson): DataTableSpec | undefined {
	if (!workflow.nodes.some(isSheetsAppend)) return undefined;
	const table = EXAMPLE_TABLES[file];
	if (!table)
		throw new Error(
			`${file} appends to Google Sheets: give it a data table in tools/n8n/dataTables.ts`,
		);
	return table(workflow);
}

/**
 * The Data Table node (Insert row, columns mapped automatically, as the Sheets step mapped them)
 * that takes a Google Sheets node's place: same id, name and position, so connections still hold.
 */
export function dataTableInsertNode(
	sheets: Record<string, unknown>,
	table: DataTableRef,
	columns: DataTableColumn[] = [],
): Record<string, unknown> {
	const { id, name, position } = sheets;
	return {
		id,
		name,
		position,
		type: DATA_TABLE_TYPE,
		typeVersion: DATA_TABLE_VERSION,
		parameters: {
			resource: 'row',
			operation: 'insert',
			// As the editor saves a table picked from its list.
			dataTableId: {
				__rl: true,
				mode: 'list',
				value: table.id,
				cachedResultName: table.name,
				cachedResultUrl: `/projects/${table.projectId}/datatables/${table.id}`,
			},
			columns: {
				mappingMode: 'autoMapInputData',
				value: {},
				matchingColumns: [],
				schema: columns.map((column) => ({
					id: column.name,
					displayName: column.name,
					required: false,
					defaultMatch: false,
					display: true,
					type: column.type === 'date' ? 'dateTime' : column.type,
					readOnly: false,
					removed: false,
				})),
			},
			options: {},
		},
	};
}

async function rest<T>(n8n: N8nRest, method: string, path: string, body?: unknown): Promise<T> {
	const response = await n8n.request(path, {
		method,
		...(body === undefined
			? {}
			: { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
	});
	if (!response.ok)
		throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
	return ((await response.json()) as { data: T }).data;
}

/** The signed-in user's personal project: where the CLI imports workflows and tables belong. */
export async function personalProjectId(n8n: N8nRest): Promise<string> {
	return (await rest<{ id: string }>(n8n, 'GET', '/rest/projects/personal')).id;
}

interface TableJson {
	id: string;
	name: string;
	projectId?: string;
	columns?: Array<{ id: string; name: string; type: string }>;
}

/** The project's table of exactly this name, if there is one. */
export async function findDataTable(
	n8n: N8nRest,
	projectId: string,
	name: string,
): Promise<DataTableRef | undefined> {
	const filter = encodeURIComponent(JSON.stringify({ name }));
	const { data } = await rest<{ data: TableJson[] }>(
		n8n,
		'GET',
		`/rest/projects/${projectId}/data-tables?filter=${filter}&take=100`,
	);
	const found = data.find((table) => table.name === name);
	return found && { id: found.id, name: found.name, projectId };
}

export async function dataTableColumns(
	n8n: N8nRest,
	table: DataTableRef,
): Promise<DataTableColumn[]> {
	const columns = await rest<TableJson['columns']>(
		n8n,
		'GET',
		`/rest/projects/${table.projectId}/data-tables/${table.id}/columns`,
	);
	return (columns ?? []).map(({ name, type }) => ({ name, type: type as DataTableColumnType }));
}

/**
 * The table of this name in the project, made when missing (`create`), with any of the spec's
 * columns it lacks added. Rows and the columns it has are never touched. Undefined when it is
 * missing and not to be created.
 */
export async function ensureDataTable(
	n8n: N8nRest,
	projectId: string,
	spec: DataTableSpec,
	options: { create: boolean },
): Promise<{ table: DataTableRef; created: boolean; addedColumns: string[] } | undefined> {
	const existing = await findDataTable(n8n, projectId, spec.name);
	if (!existing) {
		if (!options.create) return undefined;
		const made = await rest<TableJson>(n8n, 'POST', `/rest/projects/${projectId}/data-tables`, {
			name: spec.name,
			columns: spec.columns,
		});
		return {
			table: { id: made.id, name: made.name, projectId },
			created: true,
			addedColumns: [],
		};
	}
	const present = new Set((await dataTableColumns(n8n, existing)).map((column) => column.name));
	const missing = spec.columns.filter((column) => !present.has(column.name));
	for (const column of missing) {
		await rest(
			n8n,
			'POST',
			`/rest/projects/${projectId}/data-tables/${existing.id}/columns`,
			column,
		);
	}
	return {
		table: existing,
		created: false,
		addedColumns: missing.map((column) => column.name),
	};
}

export type DataTableRow = Record<string, unknown> & { id: number };

/** Every row of the table, oldest first. */
export async function dataTableRows(n8n: N8nRest, table: DataTableRef): Promise<DataTableRow[]> {
	const rows: DataTableRow[] = [];
	for (;;) {
		const { count, data } = await rest<{ count: number; data: DataTableRow[] }>(
			n8n,
			'GET',
			`/rest/projects/${table.projectId}/data-tables/${table.id}/rows?skip=${rows.length}&take=100&sortBy=id:asc`,
		);
		rows.push(...data);
		if (data.length === 0 || rows.length >= count) return rows;
	}
}

export interface ManualRun {
	id: string;
	/** `success`, `error`, `canceled` or `crashed`. */
	status: string;
	/** n8n's serialised run data (the `flatted` text it stores), for error messages. */
	data?: string;
}

/**
 * Runs a saved workflow from a trigger as the editor's *Execute workflow* button does
 * (`POST /rest/workflows/:id/run`, both n8n 1.x and 2.x), then waits for its execution to end.
 */
export async function runWorkflow(
	n8n: N8nRest,
	workflowId: string,
	trigger: string,
	timeoutMs = 120_000,
): Promise<ManualRun> {
	const workflowData = await rest<Record<string, unknown>>(
		n8n,
		'GET',
		`/rest/workflows/${workflowId}`,
	);
	const started = await rest<{ executionId?: string; waitingForWebhook?: boolean }>(
		n8n,
		'POST',
		`/rest/workflows/${workflowId}/run`,
		{ workflowData, triggerToStartFrom: { name: trigger } },
	);
	if (!started.executionId)
		throw new Error(`workflow ${workflowId} did not start: ${JSON.stringify(started)}`);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await n8n.request(`/rest/executions/${started.executionId}`);
		if (response.ok) {
			const execution = ((await response.json()) as { data: ManualRun }).data;
			if (!['new', 'running', 'waiting', 'unknown'].includes(execution.status))
				return { id: String(execution.id), status: execution.status, data: execution.data };
		} else if (response.status !== 404) {
			throw new Error(
				`GET /rest/executions/${started.executionId}: ${response.status} ${await response.text()}`,
			);
		}
		if (Date.now() > deadline)
			throw new Error(`execution ${started.executionId} of ${workflowId} did not end in time`);
		await new Promise((wake) => setTimeout(wake, 250));
	}
}
