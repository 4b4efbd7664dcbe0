// The shape every parser produces and every cleaning plugin reads: a hast root whose children are the
// page's blocks in reading order, each an element carrying its own annotations in `data.block`.
import type { Element, Root } from 'hast';
import type { Features } from '../clean/features.ts';

/** Why a block was dropped: the rule id and a sentence for the report. */
export interface Drop { rule: string; reason: string }

export type Role = 'title' | 'heading' | 'body' | 'dateline' | 'credit' | 'signature' | 'byline';

export interface BlockInfo {
  /** 1-based line in the dump (text) or block index (HTML). */
  line: number;
  /** The block's text as written (NFC, trimmed; list markers removed). */
  text: string;
  /** Tag in the source: p for a text line, li for a bulleted line; the HTML tag for pages. */
  tag: string;
  /** Evidence from HTML structure (nav, footer, aside, header, figcaption, form, a …). */
  zone?: string;
  /** Share of the block's characters inside links (HTML only). */
  linkDensity?: number;
  drop?: Drop;
  role?: Role;
  /** Classification by text features: good | neargood | short | bad. */
  klass?: 'good' | 'neargood' | 'short' | 'bad';
  /** Text features (computed once by the features plugin). */
  feat?: Features;
  /** How many blocks of the page have the same match key. */
  copies?: number;
  /** The text's headline key (see headlineKey), once computed. */
  hkey?: string;
}

declare module 'hast' {
  interface ElementData {
    block?: BlockInfo;
  }
  interface RootData {
    /** The block elements, listed once (cleaning never adds or removes blocks, it marks them). */
    blocks?: Element[];
  }
}

/** Block elements of a parsed page, in order (listed on first use and kept on the root). */
export function blocksOf(tree: Root): Element[] {
  const data = (tree.data ??= {});
  return (data.blocks ??= tree.children.filter((n): n is Element => n.type === 'element' && !!n.data?.block));
}

/** The annotation of a block element. */
export function info(el: Element): BlockInfo {
  return el.data!.block!;
}

/** Marks a block as dropped by a rule, unless an earlier rule already did. Returns true when it marked it. */
export function drop(el: Element, rule: string, reason: string): boolean {
  const b = info(el);
  if (b.drop) return false;
  b.drop = { rule, reason };
  return true;
}

/** Blocks that no rule has dropped. */
export function kept(tree: Root): Element[] {
  return blocksOf(tree).filter((el) => !info(el).drop);
}
