import path from 'node:path';
export const name = 'a';
export default path.basename('/x/dep');
