function f(oldName) {
  return oldName;
}
module.exports = f;
