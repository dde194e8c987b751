module.exports = ANSWER;
