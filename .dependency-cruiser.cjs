/**
 * The node's layers, from the top (what n8n calls) to the bottom (what everything may use). A file
 * may import its own layer and the layers below it, never one above: data flows one way, binary →
 * checks → request → answer → quality → shaped items. `npm run lint` fails on any import that
 * breaks this, on any import circle, and on output modes that import each other.
 */
const ROOT = '^nodes/GlairVision/';
const LAYERS = [
	['node', `${ROOT}(GlairVision\\.node\\.ts|methods/)`],
	// The parameters: only the node class reads them; they read the catalogue and what it offers.
	['description', `${ROOT}description/`],
	['actions', `${ROOT}actions/`],
	['output', `${ROOT}output/`],
	['quality', `${ROOT}quality/`],
	['response', `${ROOT}response/`],
	['transport', `${ROOT}transport/`],
	['input', `${ROOT}input/`],
	['credential', `${ROOT}credential/`],
	['foundation', `${ROOT}(catalogue/|defaults\\.ts$|messages\\.ts$)`],
];

const layerRules = LAYERS.slice(1).map(([name, path], index) => ({
	name: `${name}-imports-only-downwards`,
	comment: `${name} may not import ${LAYERS.slice(0, index + 1)
		.map(([above]) => above)
		.join(', ')}`,
	severity: 'error',
	from: { path },
	to: { path: LAYERS.slice(0, index + 1).map(([, above]) => above) },
}));

module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			from: {},
			to: { circular: true },
		},
		{
			name: 'output-modes-stand-alone',
			comment: 'An output mode may use output/shared.ts, never another mode',
			severity: 'error',
			from: { path: `${ROOT}output/(record|raw|fields|tableRows)\\.ts$` },
			to: { path: `${ROOT}output/(record|raw|fields|tableRows)\\.ts$` },
		},
		...layerRules,
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		tsConfig: { fileName: 'tsconfig.json' },
		tsPreCompilationDeps: true,
	},
};
