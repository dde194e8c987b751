// As its README shows: the documentation of a component parsed from its file, with the importer
// that resolves and reads the modules the component imports (here its prop type's file).
import fs from 'node:fs';
import path from 'node:path';
import { parse, makeFsImporter } from 'react-docgen';
const filename = path.join(import.meta.dirname, 'input', 'components', 'Button.js');
const [doc] = parse(fs.readFileSync(filename, 'utf8'), { filename, importer: makeFsImporter() });
if (doc.description !== 'A button.' || doc.props.size?.type?.name !== 'enum') throw new Error(JSON.stringify(doc));
console.log('ok');
