// The part of Eleventy's configuration API arshif uses (Eleventy 3 ships no type declarations).
export interface UserConfig {
  addExtension(ext: string | string[], options: { key: string }): void;
  setTemplateFormats(formats: string[]): void;
  setQuietMode(quiet: boolean): void;
  ignores: Set<string>;
}
