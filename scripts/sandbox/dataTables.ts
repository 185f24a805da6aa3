/** The examples' n8n data tables, which take the rows their Google Sheets steps would append. */
import type { RunningN8n, WorkflowJson } from '../../tools/n8n';
import {
	ensureDataTable,
	exampleDataTable,
	personalProjectId,
	type DataTableRef,
	type DataTableSpec,
} from '../../tools/n8n/dataTables';
import { step } from './log';

/**
 * The examples' data tables, in place of Google Sheets (which needs a Google account): one per
 * example that appends rows, in the owner's personal project, with the columns its rows have.
 * Made when missing if `create`; an existing table (found by name) keeps its rows and gets only
 * the columns it lacks, so a second start neither duplicates nor empties anything. Undefined
 * where the session cannot do it (the stored login no longer works) or n8n refused.
 */
export async function exampleDataTables(
	running: RunningN8n,
	workflows: Array<{ file: string; workflow: WorkflowJson }>,
	create: boolean,
): Promise<Map<string, { table: DataTableRef; spec: DataTableSpec }> | undefined> {
	if (!running.authCookie) return undefined;
	try {
		const projectId = await personalProjectId(running);
		const tables = new Map<string, { table: DataTableRef; spec: DataTableSpec }>();
		for (const { file, workflow } of workflows) {
			const spec = exampleDataTable(file, workflow);
			if (!spec) continue;
			const ensured = await ensureDataTable(running, projectId, spec, { create });
			if (!ensured) continue;
			if (ensured.created) step(`created the data table "${spec.name}"`);
			if (ensured.addedColumns.length > 0)
				step(`added columns to the data table "${spec.name}": ${ensured.addedColumns.join(', ')}`);
			tables.set(file, { table: ensured.table, spec });
		}
		return tables;
	} catch (error) {
		step(
			`could not set up the examples' data tables (${error instanceof Error ? error.message : String(error)})`,
		);
		return undefined;
	}
}
