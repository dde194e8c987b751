import { helper } from './src/helper';

interface Config {
  name: string;
  answer: number;
}

const config: Config = { name: 'searched', answer: helper(21) };
export default config;
