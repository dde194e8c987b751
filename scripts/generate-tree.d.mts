export function generateTree(dir: string, options: { files: number; fanout?: number; dependencies?: number }): { root: string; entry: string };
