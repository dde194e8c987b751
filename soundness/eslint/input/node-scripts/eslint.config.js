// ESLint 10 looks a config up from each linted file's folder: this one applies below here.
import globals from "globals";
export default [{ languageOptions: { globals: globals.node }, rules: { "no-undef": "error" } }];
