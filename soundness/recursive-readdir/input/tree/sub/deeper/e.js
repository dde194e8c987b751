sub/deeper/e.js
