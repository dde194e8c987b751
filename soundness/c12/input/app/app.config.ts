export default { name: 'app', port: 3000, extends: ['./base'] };
