// Copies the SVG icons into dist/icons, where the compiled nodes and credential
// find them through their `file:../../icons/...` and `file:../icons/...` paths.
const { src, dest } = require('gulp');

function buildIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
exports.default = buildIcons;
