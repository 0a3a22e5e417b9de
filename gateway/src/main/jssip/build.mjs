// Bundles node_modules/jssip (its CommonJS lib, no dist in the npm package) into one IIFE that
// defines window.JsSIP, minified, and puts JsSIP's MIT licence beside it: out/ is copied into the
// gateway jar under web/ by the Maven build.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

mkdirSync('out', { recursive: true });
const version = JSON.parse(readFileSync('node_modules/jssip/package.json', 'utf8')).version;
await build({
  entryPoints: ['node_modules/jssip/lib/JsSIP.js'],
  bundle: true,
  format: 'iife',
  globalName: 'JsSIP',
  minify: true,
  legalComments: 'eof',
  target: ['chrome100', 'firefox100', 'safari15'],
  banner: { js: `/*! JsSIP ${version} (npm), MIT licence: jssip-LICENSE.md */` },
  outfile: 'out/jssip.min.js',
});
copyFileSync('node_modules/jssip/LICENSE.md', 'out/jssip-LICENSE.md');
writeFileSync('out/jssip-version.txt', version + '\n');
