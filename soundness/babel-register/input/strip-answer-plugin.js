// A Babel plugin found by the config beside it: replaces the identifier ANSWER with 42.
module.exports = ({ types: t }) => ({
  visitor: {
    Identifier(p) {
      if (p.node.name === 'ANSWER') p.replaceWith(t.numericLiteral(42));
    },
  },
});
