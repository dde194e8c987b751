import meow from 'meow';
const cli = meow('Usage: run [--name <name>]', {
  importMeta: import.meta,
  flags: { name: { type: 'string', default: 'x' } },
});
if (cli.pkg.name !== 'soundness-meow' || cli.flags.name !== 'x') throw new Error('meow');
console.log('ok');
