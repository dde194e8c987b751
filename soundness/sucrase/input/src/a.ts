import { twice } from './lib/b';
export const four: number = twice(2);
