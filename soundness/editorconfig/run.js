// As its README shows: parse of a file below two .editorconfig files (the outer one has
// root = true), with `files` filled; parseSync with a cache, and with a config name of its own
// that no folder has.
const path = require('path');
const editorconfig = require('editorconfig');
const file = path.join(__dirname, 'input', 'proj', 'src', 'deep', 'file.js');
(async () => {
  const files = [];
  const props = await editorconfig.parse(file, { files });
  if (props.indent_size !== 4 || props.indent_style !== 'space' || files.length !== 2) throw new Error(JSON.stringify([props, files]));
  const sync = editorconfig.parseSync(file, { cache: new Map() });
  if (sync.indent_size !== 4) throw new Error(JSON.stringify(sync));
  const none = editorconfig.parseSync(file, { config: '.otherconfig' });
  if (Object.keys(none).length !== 0) throw new Error(JSON.stringify(none));
  console.log('ok');
})();
