export default {
  foo: ['a'],
};
