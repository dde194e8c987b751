// The usage text of `generate-flags packages`; it is parsed like `why` (why-options.ts).

import { analysisOptionsHelp } from './why-options.js';

export const usage = `Usage: generate-flags packages [options] [entry...]

Lists, per package (the app and each dependency it loads), the files analysed,
the capabilities and paths it needs with the code sites behind them, and its
unresolved accesses: a capability inventory of the project.

${analysisOptionsHelp}

Exit codes: 0 listed, 2 bad usage or input.`;
