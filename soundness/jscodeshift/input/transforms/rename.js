// A codemod as the README writes one: every identifier `oldName` renamed `newName`.
module.exports = function transformer(file, api) {
  const j = api.jscodeshift;
  return j(file.source)
    .find(j.Identifier, { name: 'oldName' })
    .forEach((p) => {
      p.node.name = 'newName';
    })
    .toSource();
};
