// Copies node and credential icons (and the node's codex .json) next to the compiled files:
// n8n resolves `icon: 'file:…'` and the codex relative to the built .js.
const { src, dest } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;
