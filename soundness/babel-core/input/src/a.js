// a comment
const answer = 42; /* inline */
module.exports = answer;
