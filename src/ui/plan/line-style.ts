/**
 * The pieces the text plan's attribute lines are made of, made once per rendering: the coloured
 * symbols, the indentation of each depth with its marks, and the padded `key = ` labels. A plan
 * of thousands of resources has a million lines built from a few hundred distinct pieces, and
 * making each piece again per line (a chalk call, an indent, a padded label) was most of the
 * text plan's time and garbage. Everything here is derived from the chalk instance and the keys
 * alone, and lives only as long as one rendering.
 */
import type { ChalkInstance } from 'chalk';

export type Sym = '+' | '-' | '~' | ' ';

type LabelOf = (key: string, quoted: boolean, width: number) => string;

/** One indentation depth: its indent, the starts of its lines for each symbol, the next depth. */
export class Level {
  /** `indent`, the symbol and a space: the start of an attribute line at this depth. */
  readonly mark: Readonly<Record<Sym, string>>;
  /** `indent` and two spaces: where a closing `}`/`]` or a `# (N unchanged …)` comment starts. */
  readonly close: string;
  /** The closing lines of a member (`}`, `]`) and of a list element (`},`, `],`) at this depth. */
  readonly closing: { readonly member: Readonly<Record<'}' | ']', string>>; readonly element: Readonly<Record<'}' | ']', string>> };
  private innerLevel: Level | undefined = undefined;
  /** Member line starts (`head`) by symbol, quoting, key and width. */
  private readonly heads: Readonly<Record<Sym, readonly [Map<string, string[]>, Map<string, string[]>]>>;

  constructor(
    readonly indent: string,
    private readonly symbol: Readonly<Record<Sym, string>>,
    private readonly labelOf: LabelOf,
  ) {
    this.mark = { '+': `${indent}${symbol['+']} `, '-': `${indent}${symbol['-']} `, '~': `${indent}${symbol['~']} `, ' ': `${indent}  ` };
    this.close = `${indent}  `;
    this.closing = { member: { '}': `${this.close}}`, ']': `${this.close}]` }, element: { '}': `${this.close}},`, ']': `${this.close}],` } };
    const maps = () => [new Map<string, string[]>(), new Map<string, string[]>()] as const;
    this.heads = { '+': maps(), '-': maps(), '~': maps(), ' ': maps() };
  }

  /** The members of an object or list opened at this depth, four spaces further in. */
  get inner(): Level {
    return (this.innerLevel ??= new Level(`${this.indent}    `, this.symbol, this.labelOf));
  }

  /** `mark[sym]` and the `key = ` label: the start of a member's line, made once per rendering. */
  head(sym: Sym, key: string, quoted: boolean, width: number): string {
    const byKey = this.heads[sym][quoted ? 1 : 0];
    let byWidth = byKey.get(key);
    if (byWidth === undefined) byKey.set(key, (byWidth = []));
    // Joined rather than concatenated: one flat string, which each chunk's join copies at once
    // instead of walking the pieces of a concatenation again for each of a million lines.
    return (byWidth[width] ??= [this.mark[sym], this.labelOf(key, quoted, width)].join(''));
  }
}

export interface LineStyle {
  readonly chalk: ChalkInstance;
  readonly symbol: Readonly<Record<Sym, string>>;
  /** ` -> null` after a removed attribute. */
  readonly toNull: string;
  /** `->` between an old and a new value. */
  readonly arrow: string;
  /** ` # forces replacement` after a path in `replace_paths`. */
  readonly forces: string;
  /** The depth whose lines start with `indent`. */
  level(indent: string): Level;
  /** The key's text as printed: quoted when `quoted` (map keys) or when not an identifier. */
  keyText(key: string, quoted: boolean): string;
  /** `key = ` for a key printed in a column `width` wide (`keyText` lengths). */
  label(key: string, quoted: boolean, width: number): string;
}

export function lineStyle(chalk: ChalkInstance): LineStyle {
  const symbol = { '+': chalk.green('+'), '-': chalk.red('-'), '~': chalk.yellow('~'), ' ': ' ' } as const;
  const levels = new Map<string, Level>();
  const quotedKeys = new Map<string, string>();
  // Labels by key, then by width; map keys and attribute names apart (a tag may be named `name`).
  const labels = [new Map<string, string[]>(), new Map<string, string[]>()] as const;
  const keyText = (k: string, quoted: boolean): string => {
    if (!quoted && isIdentifier(k)) return k;
    let q = quotedKeys.get(k);
    if (q === undefined) quotedKeys.set(k, (q = JSON.stringify(k)));
    return q;
  };
  const label: LabelOf = (k, quoted, width) => {
    const byKey = labels[quoted ? 1 : 0];
    let byWidth = byKey.get(k);
    if (byWidth === undefined) byKey.set(k, (byWidth = []));
    return (byWidth[width] ??= `${keyText(k, quoted).padEnd(width)} = `);
  };
  return {
    chalk,
    symbol,
    toNull: chalk.dim(' -> null'),
    arrow: chalk.yellow('->'),
    forces: ` ${chalk.red('# forces replacement')}`,
    level(indent) {
      let l = levels.get(indent);
      if (l === undefined) levels.set(indent, (l = new Level(indent, symbol, label)));
      return l;
    },
    keyText,
    label,
  };
}

/** `[A-Za-z_][A-Za-z0-9_]*`, by character codes: it runs for every attribute of every resource. */
function isIdentifier(k: string): boolean {
  if (k.length === 0) return false;
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}
