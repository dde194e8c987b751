// A TypeScript configuration (loaded through jiti), with the schema of the project beside it.
const config: { schema: string; documents: string } = { schema: '../schema/*.graphql', documents: '../src/*.graphql' };
export default config;
