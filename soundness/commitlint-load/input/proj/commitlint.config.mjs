export default {
  extends: ['./shared.config.mjs'],
  rules: { 'subject-case': [2, 'always', 'lower-case'] },
};
