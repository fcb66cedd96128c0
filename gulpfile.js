const { src, dest } = require('gulp');

// Icons are binary-safe only with `encoding: false` under gulp 5.
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		encoding: false,
		base: '.',
	}).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;
