export default { name: 'demo' };
