export const helper = (n: number): number => n * 2;
