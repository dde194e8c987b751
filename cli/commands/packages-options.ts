// The usage text of `generate-flags packages`; it is parsed like `why` (why-options.ts).

export const usage = `Usage: generate-flags packages [options] [entry...]

Lists, per package (the app and each dependency it loads), the files analysed,
the capabilities and paths it needs with the code sites behind them, and its
unresolved accesses: a capability inventory of the project.

Options (the analysis options of generate-flags; see generate-flags --help):
  --cwd DIR              project folder (default: current folder)
  --target VERSION       Node version (default: engines.node, else this Node)
  --read PATH            also grant read on PATH (repeatable)
  --write PATH           also grant write on PATH (repeatable)
  --env NAME=VALUE       value of process.env.NAME for the analysis (repeatable)
  --unresolved MODE      warn, project or error
  --debug                also print warnings and info diagnostics
  -h, --help             show this help

Exit codes: 0 listed, 2 bad usage or input.`;
