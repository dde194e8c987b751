export default { rules: { 'type-enum': [2, 'always', ['feat', 'fix']] } };
