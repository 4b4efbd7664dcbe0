// Type declarations for dependencies that ship none.
declare module '@11ty/eleventy' {
  export class Eleventy {
    constructor(input?: string, output?: string, options?: { configPath?: string; pathPrefix?: string; quietMode?: boolean; config?: (cfg: unknown) => void }, eleventyConfig?: unknown);
    write(): Promise<unknown>;
    toJSON(): Promise<unknown>;
  }
}
