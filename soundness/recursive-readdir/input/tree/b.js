b.js
